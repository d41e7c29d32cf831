package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Loops;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** Concatenation of N×C_i×H×W inputs along the channel axis (U-Net skip connections). */
public final class Concat extends Layer {

	private int[][] inputShapes;

	@Override public String type() { return "Concat"; }
	@Override public JsonObject config() { return json(); }
	public static Concat fromConfig(JsonObject o) { return new Concat(); }
	@Override public int arity() { return -1; }

	@Override
	public int[] outputShape(int[]... in) {
		if (in.length == 0) throw error("needs at least one input");
		int c = 0;
		for (int[] s : in) {
			requireRank4(s);
			if (s[0] != in[0][0] || s[2] != in[0][2] || s[3] != in[0][3])
				throw error("inputs differ in N, H or W: " + Arrays.deepToString(in));
			c += s[1];
		}
		return new int[] { in[0][0], c, in[0][2], in[0][3] };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[][] s = shapes(inputs);
		int[] o = outputShape(s);
		Tensor out = buffer(0, o);
		int plane = o[2] * o[3];
		float[] y = out.data();
		int[] start = channelStarts(s);
		// one task per sample and input: a contiguous block of channels
		Loops.tasks(o[0] * inputs.length, t -> {
			int n = t / inputs.length, i = t % inputs.length, len = s[i][1] * plane;
			System.arraycopy(inputs[i].data(), n * len, y, (n * o[1] + start[i]) * plane, len);
		});
		inputShapes = s;
		return out;
	}

	/**
	 * Inference, one image: the concatenation in {@code out}, whose channels for the inputs marked {@code inPlace}
	 * their layers have already written there ({@link Conv2d#forwardInto}); the other inputs are copied in.
	 */
	public Tensor forwardInto(Tensor[] inputs, int[][] shapes, boolean[] inPlace, Tensor out) {
		int[] o = outputShape(shapes);
		if (o[0] != 1 || !Arrays.equals(out.shape(), o)) throw error("output " + out.shapeString() + " for inputs " + Arrays.deepToString(shapes));
		int plane = o[2] * o[3];
		int[] start = channelStarts(shapes);
		for (int i = 0; i < inputs.length; i++)
			if (!inPlace[i]) System.arraycopy(inputs[i].data(), 0, out.data(), start[i] * plane, shapes[i][1] * plane);
		inputShapes = null; // nothing kept for backward
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShapes == null) throw noCache();
		int[] o = outputShape(inputShapes);
		if (!Arrays.equals(dy.shape(), o)) throw error("output gradient " + dy.shapeString() + " does not match output " + Arrays.toString(o));
		int plane = o[2] * o[3];
		int[][] s = inputShapes;
		Tensor[] dx = new Tensor[s.length];
		for (int i = 0; i < dx.length; i++) dx[i] = buffer(1 + i, s[i]);
		float[] d = dy.data();
		int[] start = channelStarts(s);
		Loops.tasks(o[0] * s.length, t -> {
			int n = t / s.length, i = t % s.length, len = s[i][1] * plane;
			System.arraycopy(d, (n * o[1] + start[i]) * plane, dx[i].data(), n * len, len);
		});
		return dx;
	}

	/** The first output channel of each input. */
	private static int[] channelStarts(int[][] shapes) {
		int[] start = new int[shapes.length];
		for (int i = 1; i < shapes.length; i++) start[i] = start[i - 1] + shapes[i - 1][1];
		return start;
	}

	@Override public void clearCache() { inputShapes = null; }
}
