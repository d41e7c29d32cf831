package sc.fiji.convnet.model;

import java.util.List;

/**
 * One axis of a model's input or output tensor, in bioimage.io 0.5 terms (0.4 letters are translated:
 * b → batch, c → channel, i → index, t → time; x, y, z stay).
 * <p>
 * Its size is one of: fixed ({@code size ≥ 0}); free with a minimum and a step ({@code min + k·step}, {@code size < 0},
 * step 0 meaning fixed at min); or taken from another tensor's axis ({@code referenceTensor/referenceAxis}, then
 * {@code size = ref·scale + offset}). Batch axes without a given size are free (size -1, min 1, step 1).
 *
 * @param halo pixels at each border of an output that are unreliable and should be cropped when tiling
 */
public record Axis(String id, AxisType type, int size, int min, int step,
		String referenceTensor, String referenceAxis, double scale, double offset,
		int halo, List<String> channelNames) {

	public Axis {
		channelNames = channelNames == null ? List.of() : List.copyOf(channelNames);
	}

	public static Axis fixed(String id, AxisType type, int size) {
		return new Axis(id, type, size, size, 0, null, null, 1, 0, 0, null);
	}

	public static Axis free(String id, AxisType type, int min, int step) {
		return new Axis(id, type, -1, min, step, null, null, 1, 0, 0, null);
	}

	public boolean isFixed() { return size >= 0; }
	public boolean isReference() { return referenceTensor != null; }

	public Axis withHalo(int newHalo) {
		return new Axis(id, type, size, min, step, referenceTensor, referenceAxis, scale, offset, newHalo, channelNames);
	}

	/** Whether a tensor may have {@code n} along this axis (references are not checked here). */
	public boolean accepts(int n) {
		if (isReference()) return true;
		if (isFixed()) return n == size;
		if (n < min) return false;
		return step == 0 ? n == min : (n - min) % step == 0;
	}

	/** The smallest valid size ≥ n (for tile sizes), or -1 when none. */
	public int validSizeAtLeast(int n) {
		if (isReference()) return n;
		if (isFixed()) return n <= size ? size : -1;
		if (n <= min) return min;
		if (step == 0) return -1;
		return min + ((n - min + step - 1) / step) * step;
	}

	@Override
	public String toString() {
		String s = isFixed() ? String.valueOf(size) : isReference() ? referenceTensor + "." + referenceAxis : min + "+k·" + step;
		return id + "(" + type.name().toLowerCase() + ":" + s + (halo > 0 ? ",halo " + halo : "") + ")";
	}
}
