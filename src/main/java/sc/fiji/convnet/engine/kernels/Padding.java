package sc.fiji.convnet.engine.kernels;

import java.util.Arrays;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Pads the two spatial axes of an N×C×H×W array on each side ({@link #pad}), and the adjoint of that
 * map ({@link #padAdjoint}) for the backward pass: every padded position hands its gradient back to
 * the input position it was copied from, so the gradients of mirrored or replicated borders add up.
 */
public final class Padding {

	private Padding() {}

	/** Padded N×C×(H+top+bottom)×(W+left+right) copy of the tensor x. */
	public static Tensor pad(Tensor x, int top, int left, int bottom, int right, PaddingMode mode) {
		int n = x.n(), c = x.c(), h = x.h(), w = x.w();
		float[] out = new float[checkedSize(n, c, h + top + bottom, w + left + right)];
		pad(x.data(), n, c, h, w, top, left, bottom, right, mode, out);
		return new Tensor(out, n, c, h + top + bottom, w + left + right);
	}

	/** The adjoint of {@link #pad(Tensor, int, int, int, int, PaddingMode)}: folds a padded gradient to the input shape. */
	public static Tensor padAdjoint(Tensor dPadded, int top, int left, int bottom, int right, PaddingMode mode) {
		int n = dPadded.n(), c = dPadded.c(), h = dPadded.h() - top - bottom, w = dPadded.w() - left - right;
		if (h <= 0 || w <= 0)
			throw new IllegalArgumentException("Padding adjoint: padded gradient " + Arrays.toString(dPadded.shape())
					+ " is not larger than the padding " + top + "," + left + "," + bottom + "," + right);
		float[] out = new float[checkedSize(n, c, h, w)];
		padAdjoint(dPadded.data(), n, c, h, w, top, left, bottom, right, mode, out);
		return new Tensor(out, n, c, h, w);
	}

	/** Writes the padded x (N×C×H×W) into out (N×C×(H+top+bottom)×(W+left+right)). */
	public static void pad(float[] x, int n, int c, int h, int w, int top, int left, int bottom, int right,
			PaddingMode mode, float[] out) {
		int ph = h + top + bottom, pw = w + left + right;
		check(x, n, c, h, w, top, left, bottom, right, out, "pad");
		int[] colSource = sources(pw, left, w, mode);
		for (int plane = 0; plane < n * c; plane++) {
			int inBase = plane * h * w, outBase = plane * ph * pw;
			for (int py = 0; py < ph; py++) {
				int sy = mode.sourceIndex(py - top, h);
				int o = outBase + py * pw;
				if (sy < 0) {
					Arrays.fill(out, o, o + pw, 0f);
					continue;
				}
				int row = inBase + sy * w;
				for (int px = 0; px < left; px++) out[o + px] = colSource[px] < 0 ? 0f : x[row + colSource[px]];
				System.arraycopy(x, row, out, o + left, w);
				for (int px = left + w; px < pw; px++) out[o + px] = colSource[px] < 0 ? 0f : x[row + colSource[px]];
			}
		}
	}

	/** Writes into dx (N×C×H×W) the sum of the padded gradient over every position copied from each input value. */
	public static void padAdjoint(float[] dPadded, int n, int c, int h, int w, int top, int left, int bottom, int right,
			PaddingMode mode, float[] dx) {
		int ph = h + top + bottom, pw = w + left + right;
		check(dx, n, c, h, w, top, left, bottom, right, dPadded, "pad adjoint");
		int[] colSource = sources(pw, left, w, mode);
		Arrays.fill(dx, 0, n * c * h * w, 0f);
		for (int plane = 0; plane < n * c; plane++) {
			int inBase = plane * h * w, outBase = plane * ph * pw;
			for (int py = 0; py < ph; py++) {
				int sy = mode.sourceIndex(py - top, h);
				if (sy < 0) continue;
				int row = inBase + sy * w, o = outBase + py * pw;
				for (int px = 0; px < pw; px++) {
					int sx = colSource[px];
					if (sx >= 0) dx[row + sx] += dPadded[o + px];
				}
			}
		}
	}

	private static int[] sources(int pw, int left, int w, PaddingMode mode) {
		int[] s = new int[pw];
		for (int px = 0; px < pw; px++) s[px] = mode.sourceIndex(px - left, w);
		return s;
	}

	private static void check(float[] x, int n, int c, int h, int w, int top, int left, int bottom, int right,
			float[] padded, String op) {
		if (n <= 0 || c <= 0 || h <= 0 || w <= 0 || top < 0 || left < 0 || bottom < 0 || right < 0)
			throw new IllegalArgumentException("Padding " + op + ": bad shape " + n + "×" + c + "×" + h + "×" + w
					+ " or padding " + top + "," + left + "," + bottom + "," + right);
		long in = (long) n * c * h * w, out = (long) n * c * (h + top + bottom) * (w + left + right);
		if (x.length < in || padded.length < out)
			throw new IllegalArgumentException("Padding " + op + ": arrays of " + x.length + " and " + padded.length
					+ " values are too small for " + n + "×" + c + "×" + h + "×" + w + " padded by "
					+ top + "," + left + "," + bottom + "," + right);
	}

	private static int checkedSize(int n, int c, int h, int w) {
		long s = (long) n * c * h * w;
		if (s > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("Padding: result " + n + "×" + c + "×" + h + "×" + w + " holds more than 2^31 values");
		return (int) s;
	}
}
