package sc.fiji.convnet.detect;

import java.util.ArrayList;
import java.util.List;

import sc.fiji.convnet.engine.loss.Logistic;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Decodes the centre detector's output (see {@link CentreLayout}): a cell gives a box of class c when its
 * heat σ(logit) reaches {@code minScore} and is a local maximum of class c's heat map over the 3×3 cells
 * around it (CenterNet's max-pool "NMS": one peak per object, so two overlapping red cells give two boxes
 * and one red cell gives one). The box spans e^{left}, e^{top}, e^{right}, e^{bottom} strides from the
 * cell's centre; its score is the heat. Greedy non-max suppression is still left to the caller.
 */
public final class CentreDecoder implements CellDecoder {

	private final CentreLayout layout;

	public CentreDecoder(CentreLayout layout) { this.layout = layout; }

	public CentreLayout layout() { return layout; }

	@Override public int stride() { return layout.stride(); }
	@Override public List<String> classes() { return layout.classes(); }
	@Override public String describe() { return "centre detector, stride " + layout.stride(); }

	@Override
	public List<Box> decode(Tensor output, int n, double minScore) {
		int channels = layout.channels(), classes = layout.classes().size();
		CellDecoder.requireOutput("CentreDecoder", output, n, channels, classes + " heat maps, 4 box distances");
		int gh = output.h(), gw = output.w(), plane = gh * gw;
		float[] d = output.data();
		int base = n * channels * plane, box = base + layout.boxChannel() * plane;
		double s = layout.stride(), minLogit = Math.log(Math.max(minScore, 1e-12) / Math.max(1e-12, 1 - minScore));
		List<Box> boxes = new ArrayList<>();
		for (int c = 0; c < classes; c++) {
			int heat = base + layout.heatChannel(c) * plane;
			for (int j = 0; j < gh; j++)
				for (int i = 0; i < gw; i++) {
					float v = d[heat + j * gw + i];
					if (v < minLogit || !isPeak(d, heat, gw, gh, i, j, v)) continue;
					double score = Logistic.sigmoid(v);
					if (score < minScore) continue;
					int cell = j * gw + i;
					double x = layout.cellCentre(i), y = layout.cellCentre(j);
					double l = s * Math.exp(Math.min(8, d[box + cell])), t = s * Math.exp(Math.min(8, d[box + plane + cell]));
					double r = s * Math.exp(Math.min(8, d[box + 2 * plane + cell])), b = s * Math.exp(Math.min(8, d[box + 3 * plane + cell]));
					boxes.add(Box.fromCorners(layout.classes().get(c), score, x - l, y - t, x + r, y + b));
				}
		}
		return boxes;
	}

	/** Whether no 3×3 neighbour in the same map is higher (the max-pool test). */
	private static boolean isPeak(float[] d, int heat, int gw, int gh, int i, int j, float v) {
		for (int y = Math.max(0, j - 1); y <= Math.min(gh - 1, j + 1); y++)
			for (int x = Math.max(0, i - 1); x <= Math.min(gw - 1, i + 1); x++)
				if (d[heat + y * gw + x] > v) return false;
		return true;
	}
}
