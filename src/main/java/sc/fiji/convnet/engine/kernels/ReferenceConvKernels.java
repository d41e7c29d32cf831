package sc.fiji.convnet.engine.kernels;

import java.util.Arrays;

/**
 * The convolution written straight from its definition, in double precision, single-threaded.
 * Slow on purpose: it is the yardstick that tests hold the fast kernels against.
 */
public final class ReferenceConvKernels implements ConvKernels {

	/** One product of the convolution: output value yi takes input value xi times weight wi. */
	private interface Tap { void at(int yi, int xi, int wi); }

	/** Every product of the convolution, in the order n, c_out, y, x, c_in, k_y, k_x, taps outside the input left out. */
	private static void eachTap(ConvGeometry g, Tap tap) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup();
		for (int n = 0; n < g.n; n++)
			for (int co = 0; co < g.cout; co++) {
				int group = co / coutG;
				for (int oy = 0; oy < g.oh; oy++)
					for (int ox = 0; ox < g.ow; ox++) {
						int yi = ((n * g.cout + co) * g.oh + oy) * g.ow + ox;
						for (int ci = 0; ci < cinG; ci++) {
							int cIn = group * cinG + ci;
							for (int ky = 0; ky < g.kh; ky++) {
								int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
								if (iy < 0 || iy >= g.h) continue;
								for (int kx = 0; kx < g.kw; kx++) {
									int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
									if (ix < 0 || ix >= g.w) continue;
									tap.at(yi, ((n * g.cin + cIn) * g.h + iy) * g.w + ix, ((co * cinG + ci) * g.kh + ky) * g.kw + kx);
								}
							}
						}
					}
			}
	}

	@Override
	public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads) {
		double[] acc = new double[y.length];
		int plane = g.oh * g.ow;
		if (b != null) for (int i = 0; i < acc.length; i++) acc[i] = b[i / plane % g.cout];
		eachTap(g, (yi, xi, wi) -> acc[yi] += (double) x[xi] * w[wi]);
		for (int i = 0; i < y.length; i++) y[i] = (float) acc[i];
	}

	@Override
	public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads) {
		double[] acc = new double[dx.length];
		eachTap(g, (yi, xi, wi) -> acc[xi] += (double) dy[yi] * w[wi]);
		for (int i = 0; i < dx.length; i++) dx[i] = (float) acc[i];
	}

	@Override
	public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {
		double[] acc = new double[dw.length];
		eachTap(g, (yi, xi, wi) -> acc[wi] += (double) dy[yi] * x[xi]);
		for (int i = 0; i < dw.length; i++) dw[i] = (float) acc[i];
		if (db != null) {
			double[] accB = new double[g.cout];
			int plane = g.oh * g.ow;
			for (int i = 0; i < g.n * g.cout * plane; i++) accB[i / plane % g.cout] += dy[i];
			Arrays.fill(db, 0);
			for (int i = 0; i < g.cout; i++) db[i] = (float) accB[i];
		}
	}

	@Override
	public String name() { return "reference"; }
}
