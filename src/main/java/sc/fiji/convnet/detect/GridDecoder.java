package sc.fiji.convnet.detect;

import java.util.ArrayList;
import java.util.List;

import sc.fiji.convnet.engine.loss.Logistic;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Turns the grid detector's raw output (see {@link GridLayout}) into boxes in input pixels: one box per
 * cell with the most probable class, scored σ(objectness)·softmax(class), kept when the score reaches
 * {@code minScore}. Non-max suppression is left to the caller.
 */
public final class GridDecoder implements CellDecoder {

	private final GridLayout layout;

	public GridDecoder(GridLayout layout) { this.layout = layout; }

	public GridLayout layout() { return layout; }

	@Override public int stride() { return layout.stride(); }
	@Override public List<String> classes() { return layout.classes(); }
	@Override public String describe() { return "grid detector, stride " + layout.stride(); }

	/** Boxes of sample {@code n} of an N×(1+C+4)×GH×GW output. */
	@Override
	public List<Box> decode(Tensor output, int n, double minScore) {
		int channels = layout.channels(), classes = layout.classes().size();
		CellDecoder.requireOutput("GridDecoder", output, n, channels, "objectness, " + classes + " classes, 4 box values");
		int gh = output.h(), gw = output.w(), plane = gh * gw;
		float[] d = output.data();
		int base = n * channels * plane, box = base + layout.boxChannel() * plane;
		double stride = layout.stride(), ref = layout.referenceSize();
		List<Box> boxes = new ArrayList<>();
		double[] p = new double[classes];
		for (int j = 0; j < gh; j++)
			for (int i = 0; i < gw; i++) {
				int cell = j * gw + i;
				double obj = Logistic.sigmoid(d[base + cell]);
				if (obj < minScore) continue;
				double max = Double.NEGATIVE_INFINITY;
				for (int c = 0; c < classes; c++) max = Math.max(max, p[c] = d[base + (1 + c) * plane + cell]);
				double sum = 0;
				int best = 0;
				for (int c = 0; c < classes; c++) {
					sum += p[c] = Math.exp(p[c] - max);
					if (p[c] > p[best]) best = c;
				}
				double score = obj * p[best] / sum;
				if (score < minScore) continue;
				double bx = clamp01(d[box + cell]), by = clamp01(d[box + plane + cell]);
				double bw = ref * Math.exp(Math.min(8, d[box + 2 * plane + cell])), bh = ref * Math.exp(Math.min(8, d[box + 3 * plane + cell]));
				boxes.add(Box.fromCentre(layout.classes().get(best), score, (i + bx) * stride, (j + by) * stride, bw, bh));
			}
		return boxes;
	}

	private static double clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }
}
