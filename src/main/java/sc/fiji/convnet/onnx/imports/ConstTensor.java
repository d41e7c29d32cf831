package sc.fiji.convnet.onnx.imports;

import java.util.Arrays;

import sc.fiji.convnet.onnx.imports.layers.Shapes;
import sc.fiji.convnet.onnx.read.OnnxTensor;

/**
 * A value known at import time: a weight, a Constant, or the result of folding shape arithmetic. Values are kept
 * as doubles (int64 shapes are exact up to 2^53); {@code integer} remembers whether ONNX saw integers.
 *
 * @param weight whether it came from the model's initializers (learned), which makes layers built from it trainable
 */
record ConstTensor(int[] dims, double[] values, boolean integer, boolean weight) {

	ConstTensor {
		if (Shapes.size(dims) != values.length)
			throw new IllegalArgumentException("constant: " + values.length + " values for dims " + Arrays.toString(dims));
	}

	static ConstTensor of(OnnxTensor t, boolean weight) {
		return new ConstTensor(t.intDims(), t.toDoubleArray(), !t.dataType().isFloatingPoint(), weight);
	}

	static ConstTensor ints(long... v) {
		double[] d = new double[v.length];
		for (int i = 0; i < v.length; i++) d[i] = v[i];
		return new ConstTensor(new int[] { v.length }, d, true, false);
	}

	int rank() { return dims.length; }
	int size() { return values.length; }

	float[] floats() {
		float[] f = new float[values.length];
		for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
		return f;
	}

	long[] longs() {
		long[] l = new long[values.length];
		for (int i = 0; i < l.length; i++) l[i] = (long) values[i];
		return l;
	}

	int[] intValues() {
		int[] l = new int[values.length];
		for (int i = 0; i < l.length; i++) l[i] = (int) values[i];
		return l;
	}

	ConstTensor reshape(int... newDims) { return new ConstTensor(newDims, values, integer, weight); }

	@Override
	public String toString() { return (integer ? "int" : "float") + Arrays.toString(dims); }
}
