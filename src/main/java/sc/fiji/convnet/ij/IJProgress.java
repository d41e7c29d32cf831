package sc.fiji.convnet.ij;

import java.util.function.Consumer;

import ij.IJ;
import sc.fiji.convnet.predict.LineProgress;
import sc.fiji.convnet.predict.Progress;

/**
 * ImageJ's progress bar and status line with the step being done ("Segment Nuclei: predicting 40 %"); Escape cancels.
 * Without an ImageJ window (headless Fiji, a script run from a shell) the same steps and counts go to the log as
 * lines ({@link LineProgress}: "Segment Nuclei: predicting 2/4"), where a status line would show nothing.
 */
public final class IJProgress implements Progress {

	private final String task;
	private final LineProgress lines;
	private volatile String stage = "";

	public IJProgress(String task) {
		this(task, IJ.getInstance() == null ? IJ::log : null);
	}

	/** @param lines where the steps go as lines; null for the status line and progress bar */
	IJProgress(String task, Consumer<String> lines) {
		this.task = task;
		this.lines = lines == null ? null : new LineProgress(task, lines);
		IJ.resetEscape();
	}

	@Override
	public void stage(String name) {
		stage = name;
		if (lines != null) { lines.stage(name); return; }
		IJ.showStatus(task + ": " + name + " (Esc cancels)");
	}

	@Override
	public void update(int done, int total) {
		if (lines != null) { lines.update(done, total); return; }
		IJ.showProgress(done, total);
		if (done >= total) { IJ.showStatus(""); return; }
		String count = total == 1000 ? (done / 10) + " %" : done + "/" + total;
		IJ.showStatus(task + ": " + (stage.isEmpty() ? "" : stage + " ") + count + " (Esc cancels)");
	}

	@Override
	public boolean cancelled() { return IJ.escapePressed(); }
}
