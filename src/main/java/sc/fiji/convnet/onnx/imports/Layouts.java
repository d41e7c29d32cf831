package sc.fiji.convnet.onnx.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.onnx.imports.layers.Shapes;

/** The shape rules of ONNX's layout operators (Reshape, Flatten, Squeeze, Unsqueeze, Transpose). */
final class Layouts {

	private Layouts() {}

	static int[] reshape(int[] in, int[] target, boolean allowZero) {
		int[] o = target.clone();
		int free = -1;
		long known = 1;
		for (int i = 0; i < o.length; i++) {
			if (o[i] == 0 && !allowZero) o[i] = in[i];
			if (o[i] == -1) {
				if (free >= 0) throw new IllegalArgumentException("Reshape: two -1 in " + Arrays.toString(target));
				free = i;
			} else known *= o[i];
		}
		long total = Shapes.size(in);
		if (free >= 0) o[free] = known == 0 ? 0 : (int) (total / known);
		if (Shapes.size(o) != total) throw new IllegalArgumentException("Reshape: cannot reshape " + Arrays.toString(in) + " to " + Arrays.toString(target));
		return o;
	}

	static int[] flatten(int[] in, int axis) {
		if (axis < 0) axis += in.length;
		return new int[] { Shapes.product(in, 0, axis), Shapes.product(in, axis, in.length) };
	}

	static int[] squeeze(int[] in, int[] axes) {
		List<Integer> o = new ArrayList<>();
		boolean[] drop = new boolean[in.length];
		if (axes == null) for (int i = 0; i < in.length; i++) drop[i] = in[i] == 1;
		else for (int a : axes) drop[a < 0 ? a + in.length : a] = true;
		for (int i = 0; i < in.length; i++) {
			if (drop[i] && in[i] != 1) throw new IllegalArgumentException("Squeeze: axis " + i + " of " + Arrays.toString(in) + " is not 1");
			if (!drop[i]) o.add(in[i]);
		}
		return o.stream().mapToInt(Integer::intValue).toArray();
	}

	static int[] unsqueeze(int[] in, int[] axes) {
		int r = in.length + axes.length;
		boolean[] ones = new boolean[r];
		for (int a : axes) ones[a < 0 ? a + r : a] = true;
		int[] o = new int[r];
		for (int i = 0, j = 0; i < r; i++) o[i] = ones[i] ? 1 : in[j++];
		return o;
	}

	static int[] reversed(int rank) {
		int[] p = new int[rank];
		for (int i = 0; i < rank; i++) p[i] = rank - 1 - i;
		return p;
	}

	static int[] permute(int[] in, int[] perm) {
		int[] o = new int[perm.length];
		for (int i = 0; i < o.length; i++) o[i] = in[perm[i]];
		return o;
	}

	/** Whether a transpose keeps the row-major order of the values (only axes of size 1 move). */
	static boolean isLayoutNoOp(int[] in, int[] perm) {
		int last = -1;
		for (int p : perm) {
			if (in[p] == 1) continue;
			if (p < last) return false;
			last = p;
		}
		return true;
	}
}
