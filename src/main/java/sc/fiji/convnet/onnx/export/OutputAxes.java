package sc.fiji.convnet.onnx.export;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;
import sc.fiji.convnet.onnx.write.OnnxDim;

/**
 * How each axis of a network's output depends on the input, found by comparing the output shapes for
 * two input sizes: axis 0 is the batch; an axis that does not change has a fixed size; one that changes
 * is linear in the input's H or W: size = inputSize · factor + offset (factor 1, offset 0 for a
 * "same"-padded U-Net; factor 1/4 for a stride-4 detector head).
 */
public final class OutputAxes {

	/** One output axis: {@code fixedSize} ≥ 0, or linear in input axis {@code inputAxis} (2 = H, 3 = W). */
	public record OutputAxis(int fixedSize, int inputAxis, double factor, double offset) {
		public boolean isFixed() { return fixedSize >= 0; }
	}

	private final OutputAxis[] axes;

	private OutputAxes(OutputAxis[] axes) { this.axes = axes; }

	public int rank() { return axes.length; }

	public OutputAxis axis(int i) { return axes[i]; }

	/**
	 * A sample input shape 1×C×H×W: the fixed size when given, else non-square, ≥ 64 and a multiple of the
	 * network's size step.
	 */
	static int[] sampleInput(Network net, FixedSize fixed) {
		if (fixed != null) return new int[] { 1, net.inputChannels(), fixed.height(), fixed.width() };
		int m = Math.max(1, net.sizeMultiple());
		int h = m * Math.max(1, (64 + m - 1) / m);
		return new int[] { 1, net.inputChannels(), h, h + m }; // non-square, so H and W are told apart
	}

	/** Output axes for inputs of any size (H and W symbolic). */
	public static OutputAxes of(Network net) { return of(net, null); }

	/** Output axes for inputs of a fixed size, or of any size when {@code fixed} is null. */
	public static OutputAxes of(Network net, FixedSize fixed) {
		int m = Math.max(1, net.sizeMultiple());
		int[] sample = sampleInput(net, fixed);
		int h1 = sample[2], w1 = sample[3];
		int h2 = fixed != null ? h1 : h1 + 4 * m, w2 = fixed != null ? w1 : w1 + 8 * m;
		int[] a, b;
		try {
			a = last(shapes(net, 1, net.inputChannels(), h1, w1));
			b = last(shapes(net, 1, net.inputChannels(), h2, w2));
		} catch (IllegalArgumentException | IllegalStateException e) {
			throw new OnnxExportException("ONNX export: cannot infer the output shape of the network for inputs of "
					+ h1 + "×" + w1 + (fixed != null ? "" : " and " + h2 + "×" + w2 + " (a network that accepts only one size needs a FixedSize)")
					+ ": " + e.getMessage(), e);
		}
		if (a.length != b.length)
			throw new OnnxExportException("ONNX export: the output rank depends on the input size (" + a.length + " vs " + b.length + ")");
		OutputAxis[] axes = new OutputAxis[a.length];
		for (int i = 0; i < a.length; i++) {
			if (i == 0 || a[i] == b[i]) axes[i] = new OutputAxis(i == 0 ? -1 : a[i], -1, 0, 0);
			else {
				// the last axis follows the input's W, the others its H (N×C×H×W outputs: H→H, W→W)
				boolean followsW = i == a.length - 1;
				int in = followsW ? 3 : 2;
				double f = (b[i] - a[i]) / (double) (followsW ? w2 - w1 : h2 - h1);
				double off = a[i] - f * (followsW ? w1 : h1);
				axes[i] = new OutputAxis(-1, in, f, off);
			}
		}
		return new OutputAxes(axes);
	}

	private static int[] last(int[][] s) { return s[s.length - 1]; }

	/**
	 * The shapes of all nodes for an input shape. Some layers (max-unpooling) take their output size from
	 * another layer's last run; when shape inference fails, one forward pass on zeros primes them.
	 */
	static int[][] shapes(Network net, int... input) {
		try {
			return net.shapes(input);
		} catch (IllegalArgumentException | IllegalStateException first) {
			try {
				net.forward(Tensor.zeros(input), Phase.INFERENCE);
			} catch (RuntimeException e) {
				throw first;
			}
			return net.shapes(input);
		}
	}

	/** The declared ONNX dimensions: N; fixed sizes; "H"/"W" where the axis equals the input's; others named. */
	public OnnxDim[] onnxDims() {
		OnnxDim[] d = new OnnxDim[axes.length];
		for (int i = 0; i < axes.length; i++) {
			OutputAxis x = axes[i];
			if (i == 0) d[i] = OnnxDim.param("N");
			else if (x.isFixed()) d[i] = OnnxDim.of(x.fixedSize());
			else if (x.factor() == 1 && x.offset() == 0) d[i] = OnnxDim.param(x.inputAxis() == 2 ? "H" : "W");
			else d[i] = OnnxDim.param("output_dim" + i);
		}
		return d;
	}
}
