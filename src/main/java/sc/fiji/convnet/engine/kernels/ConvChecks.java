package sc.fiji.convnet.engine.kernels;

/** Array-length checks shared by the kernels, with messages that name the op and the shapes. */
final class ConvChecks {

	private ConvChecks() {}

	static void require(String op, String what, float[] a, long size, ConvGeometry g) {
		if (a == null) throw new IllegalArgumentException("Conv " + op + ": " + what + " is null for " + g);
		if (a.length != size)
			throw new IllegalArgumentException("Conv " + op + ": " + what + " has " + a.length + " values, expected " + size + " for " + g);
	}

	static void requireOptional(String op, String what, float[] a, long size, ConvGeometry g) {
		if (a != null) require(op, what, a, size, g);
	}

	static void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y) {
		forwardInputs(g, x, w, b);
		require("forward", "output y", y, g.outputSize(), g);
	}

	static void forwardInputs(ConvGeometry g, float[] x, float[] w, float[] b) {
		require("forward", "input x", x, g.inputSize(), g);
		require("forward", "weights w", w, g.weightSize(), g);
		requireOptional("forward", "bias b", b, g.cout, g);
	}

	/** The output's place in a larger array: within it, and at its start unless it is one image. */
	static void outputRange(ConvGeometry g, float[] y, int yAt) {
		if (y == null) throw new IllegalArgumentException("Conv forward: output y is null for " + g);
		if (yAt < 0 || yAt + g.outputSize() > y.length)
			throw new IllegalArgumentException("Conv forward: output of " + g.outputSize() + " values from index " + yAt + " does not fit the "
					+ y.length + " of y for " + g);
		if (g.n != 1 && (yAt != 0 || y.length != g.outputSize()))
			throw new IllegalArgumentException("Conv forward: only one image can go into a larger output, got " + g);
	}

	static void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx) {
		require("backwardInput", "output gradient dy", dy, g.outputSize(), g);
		require("backwardInput", "weights w", w, g.weightSize(), g);
		require("backwardInput", "input gradient dx", dx, g.inputSize(), g);
	}

	static void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db) {
		require("backwardWeights", "input x", x, g.inputSize(), g);
		require("backwardWeights", "output gradient dy", dy, g.outputSize(), g);
		require("backwardWeights", "weight gradient dw", dw, g.weightSize(), g);
		requireOptional("backwardWeights", "bias gradient db", db, g.cout, g);
	}

	/** First ox with 0 ≤ ox·stride + offset. */
	static int firstValid(int offset, int stride) {
		return offset >= 0 ? 0 : Math.floorDiv(-offset + stride - 1, stride);
	}

	/** One past the last ox < outLen with ox·stride + offset < inLen. */
	static int endValid(int offset, int stride, int inLen, int outLen) {
		int last = inLen - 1 - offset;
		if (last < 0) return 0;
		return Math.min(outLen, last / stride + 1);
	}

	/** How many rows a task takes so that there are several tasks per thread. */
	static int rowsPerTask(int rows, int otherTasks, int threads) {
		int wanted = Math.max(1, 4 * threads);
		int tiles = Math.max(1, Math.min(rows, (wanted + otherTasks - 1) / Math.max(1, otherTasks)));
		return (rows + tiles - 1) / tiles;
	}
}
