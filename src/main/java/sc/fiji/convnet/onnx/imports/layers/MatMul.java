package sc.fiji.convnet.onnx.imports.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The product of two computed matrices, A (M×K) · B (K×N) → M×N (ONNX MatMul and Gemm when B is not a weight; a
 * constant B is a {@link sc.fiji.convnet.engine.layers.Linear}). Backward: ∂A = ∂Y·Bᵀ, ∂B = Aᵀ·∂Y.
 */
public final class MatMul extends Layer {

	private Tensor a, b;

	@Override public String type() { return "OnnxMatMul"; }
	@Override public int arity() { return 2; }
	@Override public JsonObject config() { return json(); }
	public static MatMul fromConfig(JsonObject o) { return new MatMul(); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 2);
		if (in[0].length != 2 || in[1].length != 2 || in[0][1] != in[1][0])
			throw error("expects M×K and K×N, got " + Arrays.toString(in[0]) + " and " + Arrays.toString(in[1]));
		return new int[] { in[0][0], in[1][1] };
	}

	/** c (m×n) += a (m×k, or k×m when ta) · b (k×n, or n×k when tb). */
	private static void multiply(float[] a, boolean ta, float[] b, boolean tb, float[] c, int m, int k, int n) {
		for (int i = 0; i < m; i++)
			for (int j = 0; j < n; j++) {
				double s = 0;
				for (int p = 0; p < k; p++) s += (double) a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
				c[i * n + j] += (float) s;
			}
	}

	@Override
	public Tensor forward(Tensor[] in, Phase phase) {
		int[] o = outputShape(in[0].shape(), in[1].shape());
		Tensor y = Tensor.zeros(o);
		multiply(in[0].data(), false, in[1].data(), false, y.data(), o[0], in[0].dim(1), o[1]);
		a = phase.records() ? in[0] : null;
		b = phase.records() ? in[1] : null;
		return y;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (a == null) throw noCache();
		int m = a.dim(0), k = a.dim(1), n = b.dim(1);
		Tensor da = Tensor.zeros(m, k), db = Tensor.zeros(k, n);
		multiply(dy.data(), false, b.data(), true, da.data(), m, n, k);
		multiply(a.data(), true, dy.data(), false, db.data(), k, m, n);
		return new Tensor[] { da, db };
	}

	@Override public void clearCache() { a = b = null; }
}
