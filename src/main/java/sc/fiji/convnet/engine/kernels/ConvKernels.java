package sc.fiji.convnet.engine.kernels;

/**
 * The three array-level computations of a 2-D convolution layer (cross-correlation, eq. 10.2), and the maxima of
 * max pooling ({@link #maxOfRows}), which need the same choice between vector and plain-Java code.
 * Arrays are row-major: x N×C_in×H×W, w C_out×(C_in/groups)×KH×KW, b C_out (may be null),
 * y and dy N×C_out×OH×OW. Implementations may use {@code threads} worker threads.
 */
public interface ConvKernels {

	/** y = conv(x, w) + b; y is overwritten. */
	void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads);

	/**
	 * y = max(0, conv(x, w) + b) when {@code relu}: a ReLU that follows the convolution, applied while the output is
	 * still in cache instead of in a pass of its own. This default runs {@link #forward} and then clips.
	 */
	default void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads, boolean relu) {
		forward(g, x, w, b, y, threads);
		if (relu) Rectifier.forward(y, y, y.length, threads);
	}

	/**
	 * As above, with two options for inference. The output may go into a larger array from index {@code yAt} on
	 * (with yAt &gt; 0 or a longer y, one image only): a range of channels of a concatenation, written in place
	 * instead of copied there afterwards. And for weights that stay the same from call to call, kernels that
	 * reorder the weights before use may keep the reordered forms in {@code packed} (null: nothing kept). This
	 * default keeps nothing and computes into an array of its own that it copies.
	 */
	default void forwardInto(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int yAt, int threads, boolean relu, PackedWeights packed) {
		ConvChecks.outputRange(g, y, yAt);
		if (yAt == 0 && y.length == g.outputSize()) {
			forward(g, x, w, b, y, threads, relu);
			return;
		}
		float[] own = new float[(int) g.outputSize()];
		forward(g, x, w, b, own, threads, relu);
		System.arraycopy(own, 0, y, yAt, own.length);
	}

	/** dx = ∂L/∂x given dy = ∂L/∂y; dx is overwritten. */
	void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads);

	/** dw and db (db may be null) receive ∂L/∂w and ∂L/∂b; both are overwritten. */
	void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads);

	/**
	 * v[i] = max over r &lt; rows of x[first + r·step + i], for i &lt; n, with {@link Math#max}'s treatment of NaN and
	 * signed zeros: the column maxima of a pooling window's rows, or with step 1 the maxima of windows along a row.
	 * C2 does not vectorize this loop itself, because its loads from one array start at different offsets.
	 */
	default void maxOfRows(float[] x, int first, int step, int rows, float[] v, int n) {
		if (rows == 3) { // the common window, unrolled: a third faster than the loop below
			for (int i = 0, a = first, b = a + step, c = b + step; i < n; i++) v[i] = Math.max(Math.max(x[a + i], x[b + i]), x[c + i]);
			return;
		}
		System.arraycopy(x, first, v, 0, n);
		for (int r = 1, at = first + step; r < rows; r++, at += step)
			for (int i = 0; i < n; i++) v[i] = Math.max(v[i], x[at + i]);
	}

	/** A short name for diagnostics and benchmarks, e.g. "scalar" or "vector(16 lanes)". */
	String name();
}
