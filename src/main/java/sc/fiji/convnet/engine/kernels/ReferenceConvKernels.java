package sc.fiji.convnet.engine.kernels;

import java.util.Arrays;

/**
 * The convolution written straight from its definition, in double precision, single-threaded.
 * Slow on purpose: it is the yardstick that tests hold the fast kernels against.
 */
public final class ReferenceConvKernels implements ConvKernels {

	@Override
	public void forward(ConvGeometry g, float[] x, float[] w, float[] b, float[] y, int threads) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup();
		for (int n = 0; n < g.n; n++)
			for (int co = 0; co < g.cout; co++) {
				int group = co / coutG;
				for (int oy = 0; oy < g.oh; oy++)
					for (int ox = 0; ox < g.ow; ox++) {
						double sum = b == null ? 0 : b[co];
						for (int ci = 0; ci < cinG; ci++) {
							int cIn = group * cinG + ci;
							for (int ky = 0; ky < g.kh; ky++) {
								int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
								if (iy < 0 || iy >= g.h) continue;
								for (int kx = 0; kx < g.kw; kx++) {
									int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
									if (ix < 0 || ix >= g.w) continue;
									sum += (double) x[((n * g.cin + cIn) * g.h + iy) * g.w + ix]
											* w[((co * cinG + ci) * g.kh + ky) * g.kw + kx];
								}
							}
						}
						y[((n * g.cout + co) * g.oh + oy) * g.ow + ox] = (float) sum;
					}
			}
	}

	@Override
	public void backwardInput(ConvGeometry g, float[] dy, float[] w, float[] dx, int threads) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup();
		double[] acc = new double[dx.length];
		for (int n = 0; n < g.n; n++)
			for (int co = 0; co < g.cout; co++) {
				int group = co / coutG;
				for (int oy = 0; oy < g.oh; oy++)
					for (int ox = 0; ox < g.ow; ox++) {
						double d = dy[((n * g.cout + co) * g.oh + oy) * g.ow + ox];
						for (int ci = 0; ci < cinG; ci++) {
							int cIn = group * cinG + ci;
							for (int ky = 0; ky < g.kh; ky++) {
								int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
								if (iy < 0 || iy >= g.h) continue;
								for (int kx = 0; kx < g.kw; kx++) {
									int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
									if (ix < 0 || ix >= g.w) continue;
									acc[((n * g.cin + cIn) * g.h + iy) * g.w + ix] += d * w[((co * cinG + ci) * g.kh + ky) * g.kw + kx];
								}
							}
						}
					}
			}
		for (int i = 0; i < dx.length; i++) dx[i] = (float) acc[i];
	}

	@Override
	public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] db, int threads) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup();
		double[] acc = new double[dw.length];
		double[] accB = new double[g.cout];
		for (int n = 0; n < g.n; n++)
			for (int co = 0; co < g.cout; co++) {
				int group = co / coutG;
				for (int oy = 0; oy < g.oh; oy++)
					for (int ox = 0; ox < g.ow; ox++) {
						double d = dy[((n * g.cout + co) * g.oh + oy) * g.ow + ox];
						accB[co] += d;
						for (int ci = 0; ci < cinG; ci++) {
							int cIn = group * cinG + ci;
							for (int ky = 0; ky < g.kh; ky++) {
								int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
								if (iy < 0 || iy >= g.h) continue;
								for (int kx = 0; kx < g.kw; kx++) {
									int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
									if (ix < 0 || ix >= g.w) continue;
									acc[((co * cinG + ci) * g.kh + ky) * g.kw + kx] += d * x[((n * g.cin + cIn) * g.h + iy) * g.w + ix];
								}
							}
						}
					}
			}
		for (int i = 0; i < dw.length; i++) dw[i] = (float) acc[i];
		if (db != null) {
			Arrays.fill(db, 0);
			for (int i = 0; i < g.cout; i++) db[i] = (float) accB[i];
		}
	}

	@Override
	public String name() { return "reference"; }
}
