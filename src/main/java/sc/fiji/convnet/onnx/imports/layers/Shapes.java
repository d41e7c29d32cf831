package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

/** Shape arithmetic shared by the import layers: sizes, strides and numpy-style broadcasting. */
public final class Shapes {

	private Shapes() {}

	public static int size(int[] shape) {
		long n = 1;
		for (int d : shape) n *= d;
		if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds more than 2^31 values");
		return (int) n;
	}

	/** Product of dims[from, to). */
	public static int product(int[] dims, int from, int to) {
		int n = 1;
		for (int i = from; i < to; i++) n *= dims[i];
		return n;
	}

	public static int[] strides(int[] shape) {
		int[] s = new int[shape.length];
		int acc = 1;
		for (int i = shape.length - 1; i >= 0; i--) { s[i] = acc; acc *= shape[i]; }
		return s;
	}

	/** The numpy broadcast of two shapes, or null when they do not broadcast. */
	public static int[] broadcast(int[] a, int[] b) {
		int r = Math.max(a.length, b.length);
		int[] out = new int[r];
		for (int i = 0; i < r; i++) {
			int da = i < r - a.length ? 1 : a[i - (r - a.length)], db = i < r - b.length ? 1 : b[i - (r - b.length)];
			if (da != db && da != 1 && db != 1) return null;
			out[i] = Math.max(da, db);
		}
		return out;
	}

	/**
	 * For every flat index of {@code out}, the flat index of the broadcast operand of shape {@code operand}
	 * (aligned to the right, size-1 axes repeated).
	 */
	public static int[] broadcastIndex(int[] out, int[] operand) {
		int r = out.length, off = r - operand.length;
		int[] os = strides(operand), eff = new int[r];
		for (int i = 0; i < r; i++) {
			if (i < off) continue;
			int d = operand[i - off];
			if (d != 1 && d != out[i]) throw new IllegalArgumentException("shape " + Arrays.toString(operand) + " does not broadcast to " + Arrays.toString(out));
			eff[i] = d == 1 ? 0 : os[i - off];
		}
		int n = size(out);
		int[] idx = new int[n];
		int[] counter = new int[r];
		int at = 0;
		for (int k = 0; k < n; k++) {
			idx[k] = at;
			for (int i = r - 1; i >= 0; i--) {
				counter[i]++;
				at += eff[i];
				if (counter[i] < out[i]) break;
				at -= eff[i] * out[i];
				counter[i] = 0;
			}
		}
		return idx;
	}

	/** Whether the index map is the identity (operand already has the output's shape). */
	public static boolean sameSize(int[] a, int[] b) { return size(a) == size(b) && Arrays.equals(a, b); }
}
