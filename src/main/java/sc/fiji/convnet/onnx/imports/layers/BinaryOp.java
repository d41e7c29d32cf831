package sc.fiji.convnet.onnx.imports.layers;

/** The arithmetic of ONNX Add, Sub, Mul, Div, Max, Min and Pow, with the partial derivatives for both operands. */
public enum BinaryOp {
	ADD { public double f(double a, double b) { return a + b; } public double da(double a, double b, double y) { return 1; } public double db(double a, double b, double y) { return 1; } },
	SUB { public double f(double a, double b) { return a - b; } public double da(double a, double b, double y) { return 1; } public double db(double a, double b, double y) { return -1; } },
	MUL { public double f(double a, double b) { return a * b; } public double da(double a, double b, double y) { return b; } public double db(double a, double b, double y) { return a; } },
	DIV { public double f(double a, double b) { return a / b; } public double da(double a, double b, double y) { return 1 / b; } public double db(double a, double b, double y) { return -a / (b * b); } },
	/** ONNX Max of two; a tie passes the gradient to the first operand. */
	MAX { public double f(double a, double b) { return Math.max(a, b); } public double da(double a, double b, double y) { return a >= b ? 1 : 0; } public double db(double a, double b, double y) { return a >= b ? 0 : 1; } },
	MIN { public double f(double a, double b) { return Math.min(a, b); } public double da(double a, double b, double y) { return a <= b ? 1 : 0; } public double db(double a, double b, double y) { return a <= b ? 0 : 1; } },
	POW {
		public double f(double a, double b) { return Math.pow(a, b); }
		public double da(double a, double b, double y) { return b == 0 ? 0 : b * Math.pow(a, b - 1); }
		public double db(double a, double b, double y) { return a > 0 ? y * Math.log(a) : 0; }
	};

	public abstract double f(double a, double b);
	public abstract double da(double a, double b, double y);
	public abstract double db(double a, double b, double y);

	/**
	 * y = a op b with broadcasting; {@code ia}/{@code ib} map each output index to the operands' (null: the same index).
	 */
	static void forward(BinaryOp op, float[] a, int[] ia, float[] b, int[] ib, float[] y) {
		for (int k = 0; k < y.length; k++)
			y[k] = (float) op.f(a[ia == null ? k : ia[k]], b[ib == null ? k : ib[k]]);
	}

	/** Accumulates ∂L/∂a and ∂L/∂b (either may be null when not wanted), summing over broadcast cells. */
	static void backward(BinaryOp op, float[] a, int[] ia, float[] b, int[] ib, float[] y, float[] dy, float[] da, double[] db) {
		for (int k = 0; k < dy.length; k++) {
			int ja = ia == null ? k : ia[k], jb = ib == null ? k : ib[k];
			double va = a[ja], vb = b[jb];
			if (da != null) da[ja] += (float) (dy[k] * op.da(va, vb, y[k]));
			if (db != null) db[jb] += dy[k] * op.db(va, vb, y[k]);
		}
	}
}
