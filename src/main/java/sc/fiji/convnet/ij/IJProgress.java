package sc.fiji.convnet.ij;

import ij.IJ;
import sc.fiji.convnet.predict.Progress;

/** ImageJ's progress bar and status line with the step being done ("Segment Nuclei: predicting 40 %"); Escape cancels. */
public final class IJProgress implements Progress {

	private final String task;
	private volatile String stage = "";

	public IJProgress(String task) {
		this.task = task;
		IJ.resetEscape();
	}

	@Override
	public void stage(String name) {
		stage = name;
		IJ.showStatus(task + ": " + name + " (Esc cancels)");
	}

	@Override
	public void update(int done, int total) {
		IJ.showProgress(done, total);
		if (done >= total) { IJ.showStatus(""); return; }
		String count = total == 1000 ? (done / 10) + " %" : done + "/" + total;
		IJ.showStatus(task + ": " + (stage.isEmpty() ? "" : stage + " ") + count + " (Esc cancels)");
	}

	@Override
	public boolean cancelled() { return IJ.escapePressed(); }
}
