package sc.fiji.convnet.ij;

import ij.IJ;
import sc.fiji.convnet.predict.Progress;

/** ImageJ's progress bar; Escape cancels. */
public final class IJProgress implements Progress {

	private final String task;

	public IJProgress(String task) {
		this.task = task;
		IJ.resetEscape();
	}

	@Override
	public void update(int done, int total) {
		IJ.showProgress(done, total);
		if (done < total) IJ.showStatus(task + " " + done + "/" + total + " (Esc cancels)");
		else IJ.showStatus("");
	}

	@Override
	public boolean cancelled() { return IJ.escapePressed(); }
}
