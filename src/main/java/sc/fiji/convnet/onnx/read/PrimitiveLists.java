package sc.fiji.convnet.onnx.read;

import java.util.Arrays;

/** Growable primitive lists, so that large weight arrays are not boxed. */
final class PrimitiveLists {

	private PrimitiveLists() {}

	static final class FloatList {
		float[] a = new float[8];
		int n;
		void reserve(int more) { if (n + more > a.length) a = Arrays.copyOf(a, n + more); }
		void add(float v) { if (n == a.length) a = Arrays.copyOf(a, Math.max(8, n * 2)); a[n++] = v; }
		float[] toArray() { return Arrays.copyOf(a, n); }
	}

	static final class DoubleList {
		double[] a = new double[8];
		int n;
		void reserve(int more) { if (n + more > a.length) a = Arrays.copyOf(a, n + more); }
		void add(double v) { if (n == a.length) a = Arrays.copyOf(a, Math.max(8, n * 2)); a[n++] = v; }
		double[] toArray() { return Arrays.copyOf(a, n); }
	}

	static final class LongList {
		long[] a = new long[8];
		int n;
		void add(long v) { if (n == a.length) a = Arrays.copyOf(a, Math.max(8, n * 2)); a[n++] = v; }
		long[] toArray() { return Arrays.copyOf(a, n); }
	}
}
