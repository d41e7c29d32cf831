package sc.fiji.convnet.detect;

import java.util.List;

/**
 * What the centre detector's output channels mean (an anchor-free head in the spirit of CenterNet and
 * FCOS). The output is N×(C + 4)×H/stride×W/stride: channels 0..C−1 are per-class centre heat-map
 * logits (σ of the logit is the probability that the cell holds the centre of an object of that
 * class), then four box channels: the logs of the distances, in units of the stride, from the cell's
 * centre ((i + ½)·stride, (j + ½)·stride) to the box's left, top, right and bottom sides.
 */
public record CentreLayout(List<String> classes, int stride) {

	public CentreLayout {
		classes = List.copyOf(classes);
		if (classes.isEmpty()) throw new IllegalArgumentException("CentreLayout: no class names");
		if (stride <= 0) throw new IllegalArgumentException("CentreLayout: stride must be positive, got " + stride);
	}

	public int channels() { return classes.size() + 4; }
	public int heatChannel(int c) { return c; }
	/** The first of the four box channels (left, top, right, bottom). */
	public int boxChannel() { return classes.size(); }

	/** Input-pixel x of the centre of cell column {@code i}. */
	public double cellCentre(int i) { return (i + 0.5) * stride; }

	public int classIndex(String name) {
		int i = classes.indexOf(name);
		if (i < 0) throw new IllegalArgumentException("CentreLayout: unknown class '" + name + "', expected one of " + classes);
		return i;
	}
}
