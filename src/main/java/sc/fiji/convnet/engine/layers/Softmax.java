package sc.fiji.convnet.engine.layers;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Softmax (or log-softmax) over the channel axis (axis 1) at every position of an N×C[×…] tensor,
 * computed with the maximum subtracted.
 */
public final class Softmax extends Layer {

	private final boolean log;
	private Tensor output;

	public Softmax(boolean log) { this.log = log; }

	public static Softmax softmax() { return new Softmax(false); }
	public static Softmax logSoftmax() { return new Softmax(true); }

	@Override public String type() { return log ? "LogSoftmax" : "Softmax"; }
	@Override public JsonObject config() { return json(); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (in[0].length < 2) throw error("expects N×C[×…], got shape " + java.util.Arrays.toString(in[0]));
		return in[0].clone();
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = outputShape(inputs[0].shape());
		int n = s[0], c = s[1], inner = inputs[0].size() / Math.max(1, n * c);
		float[] x = inputs[0].data(), y = new float[x.length];
		for (int i = 0; i < n; i++)
			for (int p = 0; p < inner; p++) {
				int base = i * c * inner + p;
				double max = Double.NEGATIVE_INFINITY;
				for (int k = 0; k < c; k++) max = Math.max(max, x[base + k * inner]);
				double sum = 0;
				for (int k = 0; k < c; k++) sum += Math.exp(x[base + k * inner] - max);
				double logSum = Math.log(sum) + max;
				for (int k = 0; k < c; k++) {
					double l = x[base + k * inner] - logSum;
					y[base + k * inner] = (float) (log ? l : Math.exp(l));
				}
			}
		Tensor out = new Tensor(y, s);
		output = phase.records() ? out : null;
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (output == null) throw noCache();
		int[] s = output.shape();
		int n = s[0], c = s[1], inner = output.size() / Math.max(1, n * c);
		float[] y = output.data(), d = dy.data(), dx = new float[y.length];
		for (int i = 0; i < n; i++)
			for (int p = 0; p < inner; p++) {
				int base = i * c * inner + p;
				double dot = 0;
				for (int k = 0; k < c; k++) dot += log ? d[base + k * inner] : (double) d[base + k * inner] * y[base + k * inner];
				for (int k = 0; k < c; k++) {
					int at = base + k * inner;
					dx[at] = (float) (log ? d[at] - Math.exp(y[at]) * dot : y[at] * (d[at] - dot));
				}
			}
		return new Tensor[] { new Tensor(dx, s) };
	}

	@Override public void clearCache() { output = null; }
}
