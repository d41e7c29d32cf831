package sc.fiji.convnet.engine.layers;

import java.util.Arrays;
import java.util.function.IntConsumer;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Loops;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.ConvKernels;
import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Max-pooling over KH×KW windows with stride and padding (padded cells never win; Bishop §10.2.5).
 * The forward pass records, for every output, the flat index within its input plane of the winning
 * value; the backward pass routes the gradient there, and {@link #indices()} serves max-unpooling.
 */
public final class MaxPool2d extends Layer {

	private final int kh, kw, strideH, strideW;
	private int padH, padW;
	private int[] argmax;
	private int[] inputShape;
	private boolean keepIndices;

	public MaxPool2d(int kernel) { this(kernel, kernel, kernel, kernel); }

	public MaxPool2d(int kh, int kw, int strideH, int strideW) {
		if (kh <= 0 || kw <= 0 || strideH <= 0 || strideW <= 0)
			throw new IllegalArgumentException("MaxPool2d: kernel and stride must be positive, got " + kh + "×" + kw + " / " + strideH + "×" + strideW);
		this.kh = kh; this.kw = kw; this.strideH = strideH; this.strideW = strideW;
	}

	public MaxPool2d padding(int ph, int pw) {
		if (ph < 0 || pw < 0 || ph > kh / 2 || pw > kw / 2)
			throw error("padding " + ph + "×" + pw + " must lie in [0, kernel/2] for kernel " + kh + "×" + kw);
		padH = ph; padW = pw; return this;
	}

	@Override public String type() { return "MaxPool2d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("kernel", array(kh, kw)); o.add("stride", array(strideH, strideW)); o.add("padding", array(padH, padW));
		return o;
	}

	public static MaxPool2d fromConfig(JsonObject o) {
		int[] k = ints(o, "kernel"), s = ints(o, "stride"), p = ints(o, "padding");
		return new MaxPool2d(k[0], k[1], s[0], s[1]).padding(p[0], p[1]);
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] s = in[0];
		requireRank4(s);
		if (kh > s[2] + 2 * padH || kw > s[3] + 2 * padW)
			throw error("window " + kh + "×" + kw + " is larger than the padded input " + Arrays.toString(s));
		return new int[] { s[0], s[1], ConvGeometry.outputSize(s[2], kh, strideH, 1, 2 * padH),
				ConvGeometry.outputSize(s[3], kw, strideW, 1, 2 * padW) };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		int h = s[2], w = s[3], oh = o[2], ow = o[3], planes = s[0] * s[1];
		float[] x = inputs[0].data();
		Tensor out = buffer(0, o);
		float[] y = out.data();
		int[] idx = phase.records() || keepIndices ? indexArray(y.length, phase) : null;
		if (idx == null) {
			values(x, h, w, oh, ow, planes, y);
			inputShape = s;
			argmax = null;
			return out;
		}
		Loops.tasks(planes, p -> {
			int in0 = p * h * w, out0 = p * oh * ow;
			for (int oy = 0; oy < oh; oy++)
				for (int ox = 0; ox < ow; ox++) {
					float best = Float.NEGATIVE_INFINITY;
					int bestAt = -1;
					for (int ky = 0; ky < kh; ky++) {
						int iy = oy * strideH - padH + ky;
						if (iy < 0 || iy >= h) continue;
						for (int kx = 0; kx < kw; kx++) {
							int ix = ox * strideW - padW + kx;
							if (ix < 0 || ix >= w) continue;
							float v = x[in0 + iy * w + ix];
							if (v > best || bestAt < 0 || Float.isNaN(v)) { best = v; bestAt = iy * w + ix; }
						}
					}
					y[out0 + oy * ow + ox] = best;
					if (idx != null) idx[out0 + oy * ow + ox] = bestAt;
				}
		});
		argmax = idx;
		inputShape = s;
		return out;
	}

	/**
	 * The forward pass without indices (inference), separably: first each input row's maximum over every window's
	 * columns, then each output's maximum over its window's rows. Per output that is two short runs of independent
	 * maxima instead of one chain of kh·kw dependent ones (a 3×3/2 pool over 64×111×111 took 1.4 ms as one chain), and
	 * the second pass runs over whole rows, which C2 vectorizes. Windows are clipped to the plane, Math.max replaces
	 * comparisons (about half of them would mispredict). The same value as the general loop, NaN included (a window of
	 * zeros of both signs may give the other zero).
	 */
	private void values(float[] x, int h, int w, int oh, int ow, int planes, float[] y) {
		if (kh == 2 && kw == 2 && strideH == 2 && strideW == 2 && padH == 0 && padW == 0) {
			halve(x, h, w, oh, ow, planes, y);
			return;
		}
		int[] colFrom = new int[ow], colTo = new int[ow]; // each output column's window, clipped to the plane
		for (int ox = 0; ox < ow; ox++) {
			int ix0 = ox * strideW - padW;
			colFrom[ox] = Math.max(0, ix0);
			colTo[ox] = Math.min(w, ix0 + kw);
		}
		IntConsumer plane = p -> separable(x, h, w, oh, ow, p, colFrom, colTo, y);
		Loops.planes(planes, (long) planes * oh * ow, plane);
	}

	/**
	 * One plane of {@link #values}: for each output row, every input column's maximum over the window's rows, then the
	 * maxima of that row of column maxima over every window start, of which each output takes its own. Both passes are
	 * {@link ConvKernels#maxOfRows} (vectorized by the vector kernels: C2 leaves these loops scalar), and the scalar
	 * work left is one copy per output; plain Java takes each output's window maximum directly instead. SqueezeNet's
	 * 3×3/2 pool over 64×111×111 on one thread: 0.76 ms with the columns first, 0.60 ms with the rows first in plain
	 * Java, 0.42 ms with the vector kernels.
	 */
	private void separable(float[] x, int h, int w, int oh, int ow, int p, int[] colFrom, int[] colTo, float[] y) {
		ConvKernels k = Kernels.best();
		float[] v = new float[w]; // each input column's maximum over the current output row's window rows
		boolean inside = padW == 0 && (ow - 1) * strideW + kw <= w; // every window within the row
		// with the vector kernels, v's maximum over the window starting at each column, from the first output's to the last's
		int spans = inside && k == Kernels.vector() ? (ow - 1) * strideW + 1 : 0;
		float[] m = spans > 0 ? new float[spans] : null;
		for (int oy = 0; oy < oh; oy++) {
			int iy0 = oy * strideH - padH, from = Math.max(0, iy0), to = Math.min(h, iy0 + kh), out = (p * oh + oy) * ow;
			k.maxOfRows(x, (p * h + from) * w, w, to - from, v, w);
			if (spans > 0) {
				k.maxOfRows(v, 0, 1, kw, m, spans);
				for (int ox = 0, at = 0; ox < ow; ox++, at += strideW) y[out + ox] = m[at];
				continue;
			}
			if (inside && kw == 3) { // plain Java: each output's three columns, unrolled
				for (int ox = 0, at = 0; ox < ow; ox++, at += strideW) y[out + ox] = Math.max(Math.max(v[at], v[at + 1]), v[at + 2]);
				continue;
			}
			for (int ox = 0; ox < ow; ox++) {
				int c0 = colFrom[ox], c1 = colTo[ox];
				float best = v[c0];
				for (int c = c0 + 1; c < c1; c++) best = Math.max(best, v[c]);
				y[out + ox] = best;
			}
		}
	}

	/**
	 * The common 2×2 window with stride 2 and no padding (U-Nets, VGG-like classifiers): every window lies inside the
	 * plane, so each output is the larger of two row pairs' maxima, with no window arithmetic per output.
	 */
	private static void halve(float[] x, int h, int w, int oh, int ow, int planes, float[] y) {
		IntConsumer plane = p -> {
			for (int oy = 0; oy < oh; oy++) {
				int top = p * h * w + 2 * oy * w, bottom = top + w, out = (p * oh + oy) * ow;
				for (int ox = 0; ox < ow; ox++) {
					int c = 2 * ox;
					y[out + ox] = Math.max(Math.max(x[top + c], x[top + c + 1]), Math.max(x[bottom + c], x[bottom + c + 1]));
				}
			}
		};
		Loops.planes(planes, (long) planes * oh * ow, plane);
	}

	/** The index array for this pass: the last one again in training (nobody else keeps it then), else a new one. */
	private int[] indexArray(int length, Phase phase) {
		if (phase.training() && argmax != null && argmax.length == length) return argmax;
		return new int[length];
	}

	/** Records the indices even in inference, for a {@link MaxUnpool2d} that reads them. */
	public MaxPool2d keepIndices() { keepIndices = true; return this; }

	/** The input shape of the last forward pass, or null. */
	public int[] lastInputShape() { return inputShape == null ? null : inputShape.clone(); }

	public int stride() { return strideH; }

	/** For each output value, the flat index (y·W + x) of its maximum within the input plane. */
	public int[] indices() {
		if (argmax == null)
			throw new IllegalStateException(type() + " '" + name() + "': no max indices recorded; run it in a recording phase or create its MaxUnpool2d first");
		return argmax;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (argmax == null) throw noCache();
		if (dy.size() != argmax.length) throw error("output gradient " + dy.shapeString() + " does not match the last output for input " + Arrays.toString(inputShape));
		Tensor dx = buffer(1, inputShape);
		float[] d = dy.data(), g = dx.data();
		int[] idx = argmax;
		int planes = inputShape[0] * inputShape[1], inPlane = inputShape[2] * inputShape[3], outPlane = argmax.length / planes;
		Loops.tasks(planes, p -> {
			java.util.Arrays.fill(g, p * inPlane, (p + 1) * inPlane, 0f); // the buffer may hold the last pass
			for (int i = 0; i < outPlane; i++)
				g[p * inPlane + idx[p * outPlane + i]] += d[p * outPlane + i];
		});
		return new Tensor[] { dx };
	}

	@Override
	public ReceptiveField receptiveField(ReceptiveField... in) { return in[0].window(kh, strideH); }

	@Override public void clearCache() { argmax = null; }
}
