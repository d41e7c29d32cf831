package sc.fiji.convnet.model.transform;

import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Splits a tensor's elements into groups for statistics "over some axes": one group for every index of the other
 * axes. Element {@code j} of group {@code g} is at flat offset {@code outer[g] + inner[j]}.
 */
final class AxisGroups {

	final int[] outer;
	final int[] inner;

	private AxisGroups(int[] outer, int[] inner) {
		this.outer = outer;
		this.inner = inner;
	}

	/** @param over axis ids to reduce over; null means all axes */
	static AxisGroups of(Tensor t, List<String> axes, List<String> over, String op) {
		int[] shape = t.shape();
		if (axes.size() != shape.length)
			throw new IllegalArgumentException(op + ": tensor shape " + Arrays.toString(shape) + " does not match axes " + axes);
		boolean[] reduce = new boolean[shape.length];
		if (over == null) Arrays.fill(reduce, true);
		else for (String a : over) {
			int i = axes.indexOf(a);
			if (i < 0) throw new IllegalArgumentException(op + ": axis '" + a + "' is not among the tensor's axes " + axes);
			reduce[i] = true;
		}
		int[] strides = strides(shape);
		return new AxisGroups(offsets(shape, strides, reduce, false), offsets(shape, strides, reduce, true));
	}

	static int[] strides(int[] shape) {
		int[] s = new int[shape.length];
		int acc = 1;
		for (int i = shape.length - 1; i >= 0; i--) { s[i] = acc; acc *= shape[i]; }
		return s;
	}

	/** Offsets of all index combinations of the axes where reduce[i] == which (others at 0). */
	private static int[] offsets(int[] shape, int[] strides, boolean[] reduce, boolean which) {
		int count = 1;
		for (int i = 0; i < shape.length; i++) if (reduce[i] == which) count *= shape[i];
		int[] out = new int[count];
		int[] idx = new int[shape.length];
		for (int k = 0; k < count; k++) {
			int off = 0;
			for (int i = 0; i < shape.length; i++) if (reduce[i] == which) off += idx[i] * strides[i];
			out[k] = off;
			for (int i = shape.length - 1; i >= 0; i--) {
				if (reduce[i] != which) continue;
				if (++idx[i] < shape[i]) break;
				idx[i] = 0;
			}
		}
		return out;
	}

	/** For per-channel parameters: the index along {@code axis} of every flat offset, or null when axis is null. */
	static int[] indexAlong(Tensor t, List<String> axes, String axis, int parameterCount, String op) {
		if (axis == null) {
			if (parameterCount > 1) throw new IllegalArgumentException(op + ": " + parameterCount + " values given but no axis to spread them over");
			return null;
		}
		int a = axes.indexOf(axis);
		if (a < 0) throw new IllegalArgumentException(op + ": axis '" + axis + "' is not among the tensor's axes " + axes);
		int[] shape = t.shape();
		if (parameterCount != 1 && parameterCount != shape[a])
			throw new IllegalArgumentException(op + ": " + parameterCount + " values for axis '" + axis + "' of size " + shape[a] + " in shape " + Arrays.toString(shape));
		int stride = strides(shape)[a];
		int[] idx = new int[t.size()];
		for (int i = 0; i < idx.length; i++) idx[i] = parameterCount == 1 ? 0 : (i / stride) % shape[a];
		return idx;
	}
}
