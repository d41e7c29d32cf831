package sc.fiji.convnet.predict;

import java.util.function.Consumer;

/**
 * Progress as lines of text, for runs without a progress bar (the command line, headless ImageJ, scripts): every step
 * ("a.tif: predicting") and its counts ("a.tif: predicting 2/4", or "a.tif: predicting 40 %" for fractions) at most
 * ten times per step, so a single tile or a long run shows that it is moving without flooding the log. Cancels
 * when {@code cancelled} says so (e.g. Esc), else never.
 */
public final class LineProgress implements Progress {

	private final String task;
	private final Consumer<String> out;
	private final java.util.function.BooleanSupplier cancelled;
	private String stage = "";
	private int lastTenth = -1;

	public LineProgress(String task, Consumer<String> out) {
		this(task, out, () -> false);
	}

	public LineProgress(String task, Consumer<String> out, java.util.function.BooleanSupplier cancelled) {
		this.task = task;
		this.out = out;
		this.cancelled = cancelled;
	}

	@Override
	public synchronized void stage(String name) {
		if (name.equals(stage)) return;
		stage = name;
		lastTenth = -1;
		out.accept(task + ": " + name);
	}

	@Override
	public synchronized void update(int done, int total) {
		if (total <= 0 || done <= 0) return;
		int tenth = total <= 10 ? done : (int) (10L * Math.min(done, total) / total);
		if (tenth <= lastTenth || (total > 10 && tenth == 0)) return;
		lastTenth = tenth;
		String count = total <= 10 ? done + "/" + total : (tenth * 10) + " %";
		out.accept(task + ": " + (stage.isEmpty() ? "" : stage + " ") + count);
	}

	@Override
	public boolean cancelled() { return cancelled.getAsBoolean(); }
}
