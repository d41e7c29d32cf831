package sc.fiji.convnet.ij;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.gui.Plot;
import ij.gui.PlotWindow;
import sc.fiji.convnet.engine.optim.TrainingLoop;

/**
 * Follows a training run in ImageJ: a live plot of the training loss and the validation score, steps/s and time left
 * in the status bar with the progress bar, and Esc to stop early (the best network is kept). In batch mode or
 * headless there is no window; the log lines say the same.
 */
public final class TrainingPlot implements TrainingLoop.Monitor {

	private final String task, score;
	private final boolean show;
	private final List<Double> lossSteps = new ArrayList<>(), losses = new ArrayList<>(), valSteps = new ArrayList<>(), values = new ArrayList<>();
	private PlotWindow window;

	/** {@code score} names the validation figure, e.g. "val AP@0.5". */
	public TrainingPlot(String task, String score) {
		this.task = task;
		this.score = score;
		this.show = !java.awt.GraphicsEnvironment.isHeadless() && !ij.macro.Interpreter.isBatchMode();
		IJ.resetEscape();
	}

	@Override
	public synchronized void stepped(TrainingLoop.Progress p) {
		lossSteps.add((double) p.step());
		losses.add(p.loss());
		String left = Double.isFinite(p.secondsLeft()) ? String.format(Locale.ROOT, ", %.1f min left", p.secondsLeft() / 60) : "";
		String of = p.steps() < Integer.MAX_VALUE ? "/" + p.steps() : "";
		IJ.showStatus(String.format(Locale.ROOT, "%s: step %d%s, loss %.4f, %.2f steps/s%s (Esc stops, keeps the best)", task, p.step(), of, p.loss(),
				p.stepsPerSecond(), left));
		if (p.steps() < Integer.MAX_VALUE) IJ.showProgress(p.step(), p.steps());
		redraw();
	}

	@Override
	public synchronized void validated(int step, TrainingLoop.Score s, boolean best) {
		valSteps.add((double) step);
		values.add(s.value());
		redraw();
	}

	@Override
	public boolean stopRequested() { return IJ.escapePressed(); }

	/** The plot as it stands: loss (blue line) and validation score (red circles) against the step. */
	public synchronized Plot plot() {
		Plot plot = new Plot(task + " (training)", "step", "loss (blue), " + score + " (red)");
		plot.setColor(Color.BLUE);
		plot.addPoints(toArray(lossSteps), toArray(losses), Plot.LINE);
		plot.setColor(Color.RED);
		plot.addPoints(toArray(valSteps), toArray(values), Plot.CONNECTED_CIRCLES);
		plot.setLimitsToFit(false);
		return plot;
	}

	private void redraw() {
		if (!show) return;
		Plot plot = plot();
		if (window == null || window.isClosed()) window = plot.show();
		else window.drawPlot(plot);
	}

	private static double[] toArray(List<Double> v) {
		return v.stream().mapToDouble(Double::doubleValue).toArray();
	}
}
