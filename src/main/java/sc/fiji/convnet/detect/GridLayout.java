package sc.fiji.convnet.detect;

import java.util.List;

/**
 * What the grid detector's output channels mean (Bishop Figs. 10.22–10.23). The output is
 * N×(1 + C + 4)×H/stride×W/stride: channel 0 the objectness logit, channels 1..C the class logits, then
 * the box: b_x, b_y (centre offset inside the cell, in cell units, 0..1), b_W, b_H (log of the size over
 * {@code referenceSize} pixels). In input pixels the centre is ((i + b_x)·stride, (j + b_y)·stride) and
 * the size is referenceSize·exp(b_W) × referenceSize·exp(b_H).
 */
public record GridLayout(List<String> classes, int stride, double referenceSize) {

	public GridLayout {
		classes = List.copyOf(classes);
		if (classes.isEmpty()) throw new IllegalArgumentException("GridLayout: no class names");
		if (stride <= 0) throw new IllegalArgumentException("GridLayout: stride must be positive, got " + stride);
		if (!(referenceSize > 0)) throw new IllegalArgumentException("GridLayout: reference size must be positive, got " + referenceSize);
	}

	public int channels() { return 1 + classes.size() + 4; }
	public int objectnessChannel() { return 0; }
	public int classChannel(int c) { return 1 + c; }
	/** The first of the four box channels b_x, b_y, b_W, b_H. */
	public int boxChannel() { return 1 + classes.size(); }

	public int classIndex(String name) {
		int i = classes.indexOf(name);
		if (i < 0) throw new IllegalArgumentException("GridLayout: unknown class '" + name + "', expected one of " + classes);
		return i;
	}
}
