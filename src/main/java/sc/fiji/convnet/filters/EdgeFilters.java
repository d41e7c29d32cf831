package sc.fiji.convnet.filters;

import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * The 3×3 edge detectors of Bishop's chapter 10 (eqs. 10.3 and 10.4) and their gradient magnitude.
 * <pre>
 * vertical edges (10.3)     horizontal edges (10.4)
 *   -1  0  1                  -1 -1 -1
 *   -1  0  1                   0  0  0
 *   -1  0  1                   1  1  1
 * </pre>
 * Applied as a cross-correlation, the vertical detector gives gx: positive (light) where intensity rises
 * from left to right, negative (dark) where it falls; the horizontal one gives gy: positive where
 * intensity rises from top to bottom. The magnitude is √(gx² + gy²), zero on flat regions.
 */
public final class EdgeFilters {

	private EdgeFilters() {}

	private static final Kernel2D VERTICAL = Kernel2D.of(3, 3,
			-1, 0, 1,
			-1, 0, 1,
			-1, 0, 1);

	/** Eq. 10.3: responds to vertical edges (changes along x). */
	public static Kernel2D vertical() { return VERTICAL; }

	/** Eq. 10.4: responds to horizontal edges (changes along y); the transpose of {@link #vertical()}. */
	public static Kernel2D horizontal() { return VERTICAL.transposed(); }

	/** For an N×C×H×W tensor: N×(2C)×OH×OW with channel 2c = gx and 2c + 1 = gy of input channel c. */
	public static Tensor gradients(Tensor x, Convolution2D conv) {
		return conv.applyBank(x, List.of(vertical(), horizontal()));
	}

	/** The element-wise √(gx² + gy²) of two arrays of one length. */
	public static float[] magnitude(float[] gx, float[] gy) {
		if (gx.length != gy.length)
			throw new IllegalArgumentException("EdgeFilters: gx has " + gx.length + " values but gy has " + gy.length);
		float[] m = new float[gx.length];
		for (int i = 0; i < m.length; i++) m[i] = (float) Math.sqrt((double) gx[i] * gx[i] + (double) gy[i] * gy[i]);
		return m;
	}

	/** N×(2C)×H×W gradients as from {@link #gradients} → N×C×H×W magnitudes. */
	public static Tensor magnitude(Tensor gradients) {
		gradients.requireRank(4);
		int n = gradients.dim(0), c2 = gradients.dim(1), h = gradients.dim(2), w = gradients.dim(3);
		if (c2 % 2 != 0)
			throw new IllegalArgumentException("EdgeFilters: gradients need an even channel count (gx, gy pairs), got shape " + gradients.shapeString());
		int plane = h * w;
		float[] g = gradients.data(), m = new float[n * (c2 / 2) * plane];
		for (int b = 0; b < n; b++)
			for (int c = 0; c < c2 / 2; c++) {
				int gxOff = (b * c2 + 2 * c) * plane, gyOff = gxOff + plane, mOff = (b * (c2 / 2) + c) * plane;
				for (int i = 0; i < plane; i++) {
					double a = g[gxOff + i], d = g[gyOff + i];
					m[mOff + i] = (float) Math.sqrt(a * a + d * d);
				}
			}
		return new Tensor(m, n, c2 / 2, h, w);
	}
}
