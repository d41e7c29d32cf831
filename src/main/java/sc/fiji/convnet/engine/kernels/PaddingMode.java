package sc.fiji.convnet.engine.kernels;

/**
 * How values beyond the border of an image are made up (numpy's names in brackets).
 * <ul>
 * <li>{@link #ZERO}: zeros ('constant' with 0).</li>
 * <li>{@link #REFLECT}: mirror without repeating the edge value: 1 2 3 → 3 2 | 1 2 3 | 2 1 ('reflect'),
 * continued periodically when the padding is wider than the image.</li>
 * <li>{@link #REPLICATE}: repeat the edge value: 1 2 3 → 1 1 | 1 2 3 | 3 3 ('edge').</li>
 * </ul>
 */
public enum PaddingMode {
	ZERO, REFLECT, REPLICATE;

	/**
	 * The index inside 0..size−1 whose value appears at position {@code p} (which may lie outside), or −1
	 * where the padded value is zero.
	 */
	public int sourceIndex(int p, int size) {
		if (p >= 0 && p < size) return p;
		switch (this) {
		case ZERO:
			return -1;
		case REPLICATE:
			return p < 0 ? 0 : size - 1;
		case REFLECT:
			if (size == 1) return 0;
			int period = 2 * (size - 1);
			int q = Math.floorMod(p, period);
			return q < size ? q : period - q;
		default:
			throw new AssertionError(this);
		}
	}
}
