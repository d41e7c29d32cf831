package sc.fiji.convnet.engine.kernels;

import java.util.Arrays;

/**
 * The scalar kernels' forward pass for 3×3, stride-1, undilated convolutions with enough channels: Winograd's minimal
 * filtering F(2×2, 3×3) (Lavin and Gray, 2016). Each 2×2 block of outputs (a tile) is computed from the 4×4 block of
 * inputs under it as Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A, so the products over the channels take 16 multiply-adds per tile where
 * the direct convolution takes 36. The products are 16 independent matrix products over the tiles, run by the same
 * row loop as the direct kernel ({@link ScalarRows#taps3}), which HotSpot vectorizes; the transforms are additions only.
 * <p>
 * Every loop that does arithmetic indexes all its arrays by the same {@code i} from 0 (what C2's auto-vectorizer needs,
 * see {@link ScalarRows}): the tiles of a band of tile rows are laid out side by side, one array per transform
 * position and channel, and only the copies in and out of that layout go through rows and columns.
 * <p>
 * Memory per thread: the transformed inputs of one band (16 · channels · tiles values, the band sized to keep that near
 * 4 MiB) and the products of 16 output channels (16 · 16 · tiles values).
 */
final class ScalarWinograd {

	/** Output channels whose products are accumulated together (shares one pass over the transformed inputs). */
	static final int CHANNEL_BLOCK = 16;
	/** The band's transformed inputs stay near this many values. */
	static final int BAND_VALUES = 1 << 20;
	/** Below these channel counts the transforms cost about what the products save (measured: 4 lose, 8 break even, 16 gain). */
	static final int MIN_CHANNELS = 16;
	/** Bands are at least this many tiles (or the whole image), so that the row loops run long. */
	static final int MIN_BAND_TILES = 256;

	private ScalarWinograd() {}

	/** Whether the Winograd path runs geometry g. */
	static boolean applies(ConvGeometry g) {
		return g.kh == 3 && g.kw == 3 && g.strideH == 1 && g.strideW == 1 && g.dilationH == 1 && g.dilationW == 1
				&& g.cinPerGroup() >= MIN_CHANNELS && g.coutPerGroup() >= MIN_CHANNELS && g.oh >= 2 && g.ow >= 2;
	}

	/** Reusable per-thread buffers. */
	private static final class Workspace {
		float[][] v = new float[0][], m = new float[0][], h = new float[0][], bandH = new float[0][], q = new float[0][];
		float[] padded = new float[0], even = new float[0], odd = new float[0], even1 = new float[0], odd1 = new float[0];
	}

	private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);
	private static final ThreadLocal<float[]> WEIGHTS = ThreadLocal.withInitial(() -> new float[0]);

	/** y = conv_g(x, W) + b, W as in {@link ScalarConvKernels}: w itself, or for {@code orig} non-null orig's transposed weights. */
	static void forward(ConvGeometry g, float[] x, float[] w, ConvGeometry orig, float[] b, float[] y, int threads) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup();
		int tilesX = (g.ow + 1) / 2, tileRows = (g.oh + 1) / 2;
		float[] u = transformedWeights(g, w, orig);
		int outer = g.n * g.groups, wanted = Math.max(1, 4 * threads);
		// bands as long as memory allows and the threads need, but not so short that the row loops run short
		int bandRows = Math.max(1, Math.min(tileRows, BAND_VALUES / (16 * cinG * tilesX)));
		int perImage = Math.max(1, (wanted + outer - 1) / outer);
		int minRows = Math.max(1, (MIN_BAND_TILES + tilesX - 1) / tilesX);
		bandRows = Math.min(bandRows, Math.max(minRows, (tileRows + perImage - 1) / perImage));
		int bands = (tileRows + bandRows - 1) / bandRows;
		// small planes: the threads share a band's output channels instead (each transforms the input itself)
		int blocks = (coutG + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK;
		int splits = Math.min(blocks, Math.max(1, wanted / (outer * bands)));
		int channelsPerSplit = (blocks + splits - 1) / splits * CHANNEL_BLOCK;
		int rowsPerBand = bandRows, tasksPerImage = bands * splits;
		Parallel.forEach(outer * tasksPerImage, threads, t -> {
			int split = t % splits, band = (t / splits) % bands, rest = t / tasksPerImage;
			int grp = rest % g.groups, n = rest / g.groups;
			int ty0 = band * rowsPerBand, ty1 = Math.min(tileRows, ty0 + rowsPerBand);
			int co0 = split * channelsPerSplit, co1 = Math.min(coutG, co0 + channelsPerSplit);
			if (co0 < co1) runBand(g, x, u, b, y, n, grp, ty0, ty1, co0, co1, WORKSPACE.get());
		});
	}

	/** U[((grp·16 + ξ)·coutG + co)·cinG + ci] = (G g Gᵀ)_ξ for every kernel g of the geometry. */
	private static float[] transformedWeights(ConvGeometry g, float[] w, ConvGeometry orig) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup();
		int size = g.groups * 16 * coutG * cinG;
		float[] u = WEIGHTS.get();
		if (u.length < size) WEIGHTS.set(u = new float[size]);
		float[] k = new float[9], gk = new float[12], out = new float[16];
		for (int grp = 0; grp < g.groups; grp++)
			for (int co = 0; co < coutG; co++)
				for (int ci = 0; ci < cinG; ci++) {
					for (int ky = 0; ky < 3; ky++)
						for (int kx = 0; kx < 3; kx++) k[ky * 3 + kx] = ConvWeights.at(g, w, orig, grp, co, ci, ky, kx);
					// G k: G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1], applied to each kernel column
					for (int c = 0; c < 3; c++) {
						float k0 = k[c], k1 = k[3 + c], k2 = k[6 + c];
						gk[c] = k0;
						gk[3 + c] = 0.5f * (k0 + k1 + k2);
						gk[6 + c] = 0.5f * (k0 - k1 + k2);
						gk[9 + c] = k2;
					}
					// (G k) Gᵀ, to each row
					for (int r = 0; r < 4; r++) {
						float a0 = gk[r * 3], a1 = gk[r * 3 + 1], a2 = gk[r * 3 + 2];
						out[r * 4] = a0;
						out[r * 4 + 1] = 0.5f * (a0 + a1 + a2);
						out[r * 4 + 2] = 0.5f * (a0 - a1 + a2);
						out[r * 4 + 3] = a2;
					}
					for (int xi = 0; xi < 16; xi++) u[((grp * 16 + xi) * coutG + co) * cinG + ci] = out[xi];
				}
		return u;
	}

	/** Output tile rows ty0..ty1 of output channels co0..co1 (within the group) of image n, group grp. */
	private static void runBand(ConvGeometry g, float[] x, float[] u, float[] b, float[] y, int n, int grp, int ty0, int ty1,
			int co0, int co1, Workspace ws) {
		int cinG = g.cinPerGroup(), coutG = g.coutPerGroup();
		int tilesX = (g.ow + 1) / 2, rows = ty1 - ty0, tiles = rows * tilesX;
		ws.v = ScalarConvKernels.Workspace.rows(ws.v, 16 * cinG, tiles);
		ws.m = ScalarConvKernels.Workspace.rows(ws.m, 16 * CHANNEL_BLOCK, tiles);
		for (int ci = 0; ci < cinG; ci++) transformInput(g, x, (n * g.cin + grp * cinG + ci) * g.h * g.w, ty0, ty1, ci, cinG, ws);
		for (int cb = co0; cb < co1; cb += CHANNEL_BLOCK) {
			int count = Math.min(CHANNEL_BLOCK, co1 - cb);
			for (int xi = 0; xi < 16; xi++) {
				int uBase = ((grp * 16 + xi) * coutG + cb) * cinG;
				for (int c = 0; c < count; c++) {
					float[] acc = ws.m[xi * CHANNEL_BLOCK + c];
					Arrays.fill(acc, 0, tiles, 0f);
				}
				products(ws.v, xi * cinG, cinG, u, uBase, ws.m, xi * CHANNEL_BLOCK, count, tiles);
			}
			for (int c = 0; c < count; c++) {
				int co = grp * coutG + cb + c;
				transformOutput(g, ws, c, b == null ? 0f : b[co], y, (n * g.cout + co) * g.oh * g.ow, ty0, ty1);
			}
		}
	}

	/** m[mBase + c] += Σ_ci u[uBase + c·cinG + ci] · v[vBase + ci] for c < count, three input channels per pass. */
	private static void products(float[][] v, int vBase, int cinG, float[] u, int uBase, float[][] m, int mBase, int count, int n) {
		int ci = 0;
		for (; ci + 3 <= cinG; ci += 3) {
			float[] v0 = v[vBase + ci], v1 = v[vBase + ci + 1], v2 = v[vBase + ci + 2];
			for (int c = 0; c < count; c++) {
				int ui = uBase + c * cinG + ci;
				ScalarRows.taps3(v0, v1, v2, m[mBase + c], u[ui], u[ui + 1], u[ui + 2], n);
			}
		}
		if (cinG - ci == 2) {
			for (int c = 0; c < count; c++) {
				int ui = uBase + c * cinG + ci;
				ScalarRows.taps2(v[vBase + ci], v[vBase + ci + 1], m[mBase + c], u[ui], u[ui + 1], n);
			}
		} else if (cinG - ci == 1) {
			for (int c = 0; c < count; c++) ScalarRows.tap1(v[vBase + ci], m[mBase + c], u[uBase + c * cinG + ci], n);
		}
	}

	/**
	 * v[ξ·cinG + ci] over the band's tiles = Bᵀ d B for each 4×4 input block d, Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1].
	 * Each input row is transformed along x once (h_j, j = 0..3, for every tile column) and copied to the one or two tile
	 * rows that read it; then the four rows of each tile are combined along y.
	 */
	private static void transformInput(ConvGeometry g, float[] x, int plane, int ty0, int ty1, int ci, int cinG, Workspace ws) {
		int tilesX = (g.ow + 1) / 2, rows = ty1 - ty0, tiles = rows * tilesX;
		int width = 2 * tilesX + 2;
		ws.padded = ScalarConvKernels.Workspace.grow(ws.padded, width);
		ws.even = ScalarConvKernels.Workspace.grow(ws.even, tilesX);
		ws.odd = ScalarConvKernels.Workspace.grow(ws.odd, tilesX);
		ws.even1 = ScalarConvKernels.Workspace.grow(ws.even1, tilesX);
		ws.odd1 = ScalarConvKernels.Workspace.grow(ws.odd1, tilesX);
		ws.h = ScalarConvKernels.Workspace.rows(ws.h, 4, tilesX);
		ws.bandH = ScalarConvKernels.Workspace.rows(ws.bandH, 16, tiles);
		int lo = Math.max(0, g.padLeft), hi = Math.min(width, g.w + g.padLeft);
		for (int r = 0; r < 2 * rows + 2; r++) {
			int iy = 2 * ty0 - g.padTop + r;
			float[] p = ws.padded;
			if (iy < 0 || iy >= g.h || lo >= hi) {
				Arrays.fill(p, 0, width, 0f);
			} else {
				Arrays.fill(p, 0, lo, 0f);
				System.arraycopy(x, plane + iy * g.w + lo - g.padLeft, p, lo, hi - lo);
				Arrays.fill(p, hi, width, 0f);
			}
			deinterleave(p, ws.even, ws.odd, ws.even1, ws.odd1, tilesX);
			horizontal(ws.even, ws.odd, ws.even1, ws.odd1, ws.h[0], ws.h[1], ws.h[2], ws.h[3], tilesX);
			// row r is row k = r − 2·(tile row) of the tile rows (r − k)/2 for k in 0..3
			for (int k = r & 1; k < 4; k += 2) {
				int tr = (r - k) / 2;
				if (tr < 0 || tr >= rows) continue;
				for (int j = 0; j < 4; j++) System.arraycopy(ws.h[j], 0, ws.bandH[k * 4 + j], tr * tilesX, tilesX);
			}
		}
		float[][] h = ws.bandH, v = ws.v;
		for (int j = 0; j < 4; j++)
			vertical(h[j], h[4 + j], h[8 + j], h[12 + j], v[j * cinG + ci], v[(4 + j) * cinG + ci], v[(8 + j) * cinG + ci],
					v[(12 + j) * cinG + ci], tiles);
	}

	/** even[t] = p[2t], odd[t] = p[2t + 1], even1[t] = p[2t + 2], odd1[t] = p[2t + 3]. */
	private static void deinterleave(float[] p, float[] even, float[] odd, float[] even1, float[] odd1, int n) {
		for (int t = 0; t < n; t++) {
			even[t] = p[2 * t];
			odd[t] = p[2 * t + 1];
		}
		System.arraycopy(even, 1, even1, 0, n - 1);
		even1[n - 1] = p[2 * n];
		System.arraycopy(odd, 1, odd1, 0, n - 1);
		odd1[n - 1] = p[2 * n + 1];
	}

	/** The row transform d·B of columns (d0, d1, d2, d3) = (e, o, e1, o1). */
	private static void horizontal(float[] e, float[] o, float[] e1, float[] o1, float[] h0, float[] h1, float[] h2, float[] h3, int n) {
		for (int i = 0; i < n; i++) h0[i] = e[i] - e1[i];
		for (int i = 0; i < n; i++) h1[i] = o[i] + e1[i];
		for (int i = 0; i < n; i++) h2[i] = e1[i] - o[i];
		for (int i = 0; i < n; i++) h3[i] = o[i] - o1[i];
	}

	/** The column transform Bᵀ·(r0, r1, r2, r3). */
	private static void vertical(float[] r0, float[] r1, float[] r2, float[] r3, float[] v0, float[] v1, float[] v2, float[] v3, int n) {
		for (int i = 0; i < n; i++) v0[i] = r0[i] - r2[i];
		for (int i = 0; i < n; i++) v1[i] = r1[i] + r2[i];
		for (int i = 0; i < n; i++) v2[i] = r2[i] - r1[i];
		for (int i = 0; i < n; i++) v3[i] = r1[i] - r3[i];
	}

	/**
	 * The outputs of channel c of the block: Aᵀ M A + bias per tile, Aᵀ = [1 1 1 0; 0 1 −1 −1], written to the output
	 * rows (the last tile row and column cut at odd sizes).
	 */
	private static void transformOutput(ConvGeometry g, Workspace ws, int c, float bias, float[] y, int plane, int ty0, int ty1) {
		int tilesX = (g.ow + 1) / 2, tiles = (ty1 - ty0) * tilesX;
		ws.q = ScalarConvKernels.Workspace.rows(ws.q, 8, tiles);
		float[][] m = ws.m, q = ws.q;
		// along y: q[j] = m0j + m1j + m2j, q[4 + j] = m1j − m2j − m3j
		for (int j = 0; j < 4; j++)
			columnSums(m[j * CHANNEL_BLOCK + c], m[(4 + j) * CHANNEL_BLOCK + c], m[(8 + j) * CHANNEL_BLOCK + c],
					m[(12 + j) * CHANNEL_BLOCK + c], q[j], q[4 + j], tiles);
		// along x, into this channel's rows ξ = 0..3 of m (already read): y00, y01 from q0·; y10, y11 from q4·
		float[] y00 = m[c], y01 = m[CHANNEL_BLOCK + c], y10 = m[2 * CHANNEL_BLOCK + c], y11 = m[3 * CHANNEL_BLOCK + c];
		columnSums(q[0], q[1], q[2], q[3], y00, y01, tiles);
		columnSums(q[4], q[5], q[6], q[7], y10, y11, tiles);
		int ow = g.ow;
		for (int tr = 0; tr < ty1 - ty0; tr++) {
			int oy = 2 * (ty0 + tr), t0 = tr * tilesX;
			interleave(y00, y01, t0, y, plane + oy * ow, ow, bias);
			if (oy + 1 < g.oh) interleave(y10, y11, t0, y, plane + (oy + 1) * ow, ow, bias);
		}
	}

	/** s0 = a0 + a1 + a2 and s1 = a1 − a2 − a3: one row of Aᵀ·(a0, a1, a2, a3). */
	private static void columnSums(float[] a0, float[] a1, float[] a2, float[] a3, float[] s0, float[] s1, int n) {
		for (int i = 0; i < n; i++) s0[i] = a0[i] + a1[i] + a2[i];
		for (int i = 0; i < n; i++) s1[i] = a1[i] - a2[i] - a3[i];
	}

	/** y[row + 2t] = left[t0 + t] + bias, y[row + 2t + 1] = right[t0 + t] + bias, for the row's ow values. */
	private static void interleave(float[] left, float[] right, int t0, float[] y, int row, int ow, float bias) {
		int pairs = ow / 2;
		for (int t = 0; t < pairs; t++) {
			y[row + 2 * t] = left[t0 + t] + bias;
			y[row + 2 * t + 1] = right[t0 + t] + bias;
		}
		if ((ow & 1) != 0) y[row + ow - 1] = left[t0 + pairs] + bias;
	}
}
