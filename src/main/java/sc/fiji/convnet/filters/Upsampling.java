package sc.fiji.convnet.filters;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Enlarges planes by integer factors (Bishop section 10.5.3), as network up-sampling layers do.
 * Output pixel (ox, oy) looks at the input position ((ox + ½)/fx − ½, (oy + ½)/fy − ½), i.e. pixel
 * centres are aligned, not corners ("align_corners = false"):
 * <ul>
 * <li>{@link Method#NEAREST} copies input pixel (⌊ox/fx⌋, ⌊oy/fy⌋);</li>
 * <li>{@link Method#BILINEAR} interpolates the four neighbours of that position, clamped to the image, so a
 * linear ramp is reproduced exactly except in the outermost ⌊f/2⌋ rows and columns.</li>
 * </ul>
 */
public final class Upsampling {

	private Upsampling() {}

	public enum Method { NEAREST, BILINEAR }

	/** Every plane of an N×C×H×W tensor: N×C×(H·fy)×(W·fx). */
	public static Tensor upsample(Tensor x, Method method, int factorY, int factorX) {
		if (x == null || x.rank() != 4)
			throw new IllegalArgumentException("Upsampling: expected an N×C×H×W tensor, got " + (x == null ? "none" : "shape " + x.shapeString()));
		int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
		check(h, w, factorY, factorX);
		return new Tensor(upsample(x.data(), n * c, h, w, method, factorY, factorX), n, c, h * factorY, w * factorX);
	}

	private static void check(int h, int w, int fy, int fx) {
		if (fy < 1 || fx < 1)
			throw new IllegalArgumentException("Upsampling: factors must be at least 1, got " + fx + "×" + fy);
		if ((long) h * fy * w * fx > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("Upsampling: " + w + "×" + h + " enlarged " + fx + "×" + fy
					+ " holds more than 2^31 pixels; process it in tiles");
	}

	private static float[] upsample(float[] x, int planes, int h, int w, Method method, int fy, int fx) {
		int oh = h * fy, ow = w * fx;
		float[] y = new float[planes * oh * ow];
		// per output column: left neighbour and weight of the right one (same for every row and plane)
		int[] x0 = new int[ow];
		float[] tx = new float[ow];
		for (int ox = 0; ox < ow; ox++) {
			double sx = Math.min(Math.max((ox + 0.5) / fx - 0.5, 0), w - 1);
			x0[ox] = Math.min((int) sx, w - 1);
			tx[ox] = (float) (sx - x0[ox]);
		}
		for (int p = 0; p < planes; p++) {
			int in = p * h * w, out = p * oh * ow;
			for (int oy = 0; oy < oh; oy++) {
				int row = out + oy * ow;
				if (method == Method.NEAREST) {
					int src = in + (oy / fy) * w;
					for (int ox = 0; ox < ow; ox++) y[row + ox] = x[src + ox / fx];
				} else {
					double sy = Math.min(Math.max((oy + 0.5) / fy - 0.5, 0), h - 1);
					int y0 = Math.min((int) sy, h - 1), y1 = Math.min(y0 + 1, h - 1);
					float ty = (float) (sy - y0);
					int r0 = in + y0 * w, r1 = in + y1 * w;
					for (int ox = 0; ox < ow; ox++) {
						int a = x0[ox], b = Math.min(a + 1, w - 1);
						float t = tx[ox];
						float top = x[r0 + a] + t * (x[r0 + b] - x[r0 + a]);
						float bottom = x[r1 + a] + t * (x[r1 + b] - x[r1 + a]);
						y[row + ox] = top + ty * (bottom - top);
					}
				}
			}
		}
		return y;
	}
}
