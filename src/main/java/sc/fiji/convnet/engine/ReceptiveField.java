package sc.fiji.convnet.engine;

/**
 * The receptive field of one unit (Bishop §10.2.5, Fig. 10.9): {@code size} input pixels along one axis
 * influence it, and neighbouring units of this layer are {@code jump} input pixels apart.
 * Both are doubles because up-sampling makes the jump fractional.
 */
public record ReceptiveField(double size, double jump) {

	/** The receptive field of the input image itself: one pixel, one pixel apart. */
	public static final ReceptiveField PIXEL = new ReceptiveField(1, 1);

	/** After a window of {@code effectiveKernel} units moved by {@code stride}: r + (k−1)·j, j·s. */
	public ReceptiveField window(int effectiveKernel, int stride) {
		return new ReceptiveField(size + (effectiveKernel - 1) * jump, jump * stride);
	}

	/** After up-sampling by {@code factor}: each output unit sees {@code span} input units. */
	public ReceptiveField upsample(int span, int factor) {
		return new ReceptiveField(size + (span - 1) * jump, jump / factor);
	}

	/** The larger of several receptive fields (where branches meet). */
	public static ReceptiveField max(ReceptiveField... fields) {
		ReceptiveField best = fields[0];
		for (ReceptiveField f : fields)
			if (f.size > best.size) best = new ReceptiveField(f.size, Math.min(f.jump, best.jump));
		return best;
	}
}
