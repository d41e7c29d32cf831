package sc.fiji.convnet.engine.kernels;

import static sc.fiji.convnet.engine.kernels.VectorConvKernels.L;
import static sc.fiji.convnet.engine.kernels.VectorConvKernels.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Convolutions of small planes (up to 28×28: ResNet's and Inception's 7×7 to 28×28 layers, SqueezeNet's 13×13 and
 * 27×27 ones, the 8×8 and 16×16 ones of small classifiers) with at least four vectors of output channels as a matrix product with the vector lanes along the output channels: Y[p, co] = Σ_k A[p, k]·W[k, co]
 * over the taps k = (ci, ky, kx), with A the input patches ({@link PatchPanels}, packed once per image) and W the
 * weights ({@link ChannelPanels}, packed tile by tile as a task uses them, or all at once beforehand when several tasks share
 * a block's tiles). The direct kernels put the lanes along
 * an output row (7 of 16 lanes used on a 7×7 plane) and streamed every tap again for each block of 8 channels; here a
 * micro-kernel of 8 pixels × 32 channels ({@link VectorChannelBlocks}) runs over a tile of {@link #TAP_BLOCK} taps
 * whose weights stay in L1 while it walks along the task's pixels, and carries its sums over to the next tile.
 * Stride, padding and dilation are the input packing's business; one group only.
 * <p>
 * Tasks are (block of 32 output channels, chunk of pixels); each sums into a buffer of its own, pixel-major, then
 * adds the bias and writes it transposed into the N×C×H×W output (clipped at zero for a fused ReLU).
 */
final class VectorSmallPlanes {

	private VectorSmallPlanes() {}

	/** Taps per weight tile: 128 taps × 32 channels = 16 KiB, within L1. */
	static final int TAP_BLOCK = 128;
	/**
	 * Largest output plane taken (pixels). On larger planes the direct kernels fill their vectors, and on a quiet
	 * machine they were faster (nuclei's 32×32 layers, SqueezeNet's 55×55 ones, the 3-channel input layers), although
	 * under load the product had looked faster there too (BENCHMARKS.md).
	 */
	static final int MAX_PLANE = 28 * 28;
	/**
	 * Fewest output channels taken, in vectors: with fewer, packing the patches costs about as much as the products
	 * (48 channels: from 0.85× on a 48×48 plane to 1.25×, SmallPlaneBenchmark). The same holds for unpadded 1×1
	 * convolutions, which once needed eight vectors here: with four, SqueezeNet's 512→64 and 384→64 on 13×13 went
	 * from 0.20 and 0.17 ms to 0.14 and 0.11 (ImportedNetworkProfile, quiet), while two vectors made its 256→32 on
	 * 27×27 twice as slow.
	 */
	static final int MIN_CHANNEL_VECTORS = 4;
	/** Fewest input taps (C_in·KH·KW) taken. */
	static final int MIN_TAPS = 16;
	/** Most packed input values held at once (4 MiB): larger planes are done in bands of panels. */
	private static final int MAX_PATCH_VALUES = 1 << 20;
	/** Most pixel panels per task: 128 pixels × 128 taps of input = 64 KiB, within L2. */
	private static final int MAX_PANELS_PER_TASK = 16;

	/** Per-thread buffers, grown on demand: the caller's hold the (padded and) packed input, every thread's its tile and sums. */
	private static final class Buffers {
		float[] patches = new float[0], padded = new float[0], tile = new float[0], sums = new float[0], weights = new float[0];
	}

	private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

	static boolean applies(ConvGeometry g) {
		int taps = PatchPanels.taps(g);
		return g.groups == 1 && g.oh * g.ow <= MAX_PLANE && taps >= MIN_TAPS && g.cout >= MIN_CHANNEL_VECTORS * L;
	}

	/**
	 * As {@code VectorConvKernels.direct}: y = conv_g(x, W) + b, W from w (transposed when {@code orig} is set), or
	 * kept in {@code packed}; output from y[yAt] on.
	 */
	static void forward(ConvGeometry g, float[] x, float[] w, ConvGeometry orig, float[] b, float[] y, int yAt, int threads, boolean relu,
			PackedWeights packed) {
		ChannelPanels wp = new ChannelPanels(g, L);
		int panels = PatchPanels.blocks(g), taps = wp.taps, plane = g.oh * g.ow;
		Buffers caller = BUFFERS.get();
		// the patches of a band of panels at a time, so that large planes need no buffer of pixels × taps
		int bandPanels = Math.max(1, Math.min(panels, MAX_PATCH_VALUES / (taps * PatchPanels.PIXELS)));
		float[] patches = caller.patches = grow(caller.patches, bandPanels * taps * PatchPanels.PIXELS);
		PatchPanels input = new PatchPanels(g);
		float[] padded = input.padded() ? caller.padded = grow(caller.padded, input.paddedSize()) : null;
		// enough tasks for every thread to get several, yet no more panels per task than stay in L2
		// (on one thread one chunk: every further chunk packs each weight tile again)
		int chunksWanted = threads == 1 ? 1 : Math.max(1, (4 * threads + wp.blocks - 1) / wp.blocks);
		int perTask = Math.min(MAX_PANELS_PER_TASK, Math.max(1, (bandPanels + chunksWanted - 1) / chunksWanted));
		// when several tasks use a block's tiles, the tiles are packed once beforehand, in parallel, instead of by each
		int tiles = (taps + TAP_BLOCK - 1) / TAP_BLOCK, tileSize = TAP_BLOCK * 2 * L;
		// (or kept from an earlier call)
		int allTiles = wp.blocks * tiles * tileSize;
		float[] prepacked = packed != null && orig == null ? packed.get("tiles", w, () -> packTiles(g, w, null, wp, threads, new float[allTiles]))
				: (panels + perTask - 1) / perTask > 1 ? packTiles(g, w, orig, wp, threads, caller.weights = grow(caller.weights, allTiles)) : null;
		for (int n = 0; n < g.n; n++) {
			int image = n, start = padded != null ? 0 : n * g.cin * g.h * g.w;
			float[] src = padded != null ? padded : x;
			if (padded != null) input.pad(x, n, padded);
			for (int band = 0; band < panels; band += bandPanels) {
				int band0 = band, band1 = Math.min(panels, band + bandPanels), chunks = (band1 - band0 + perTask - 1) / perTask;
				Parallel.forEach(band1 - band0, (long) (band1 - band0) * taps < 1 << 14 ? 1 : threads,
						i -> input.pack(src, start, band0 + i, band0 + i + 1, band0, patches));
				Parallel.forEach(wp.blocks * chunks, threads, t -> {
					int cb = t / chunks, chunk = t % chunks, pb0 = band0 + chunk * perTask, pb1 = Math.min(band1, pb0 + perTask);
					int width = wp.width(cb), panelSums = PatchPanels.PIXELS * width;
					Buffers own = BUFFERS.get();
					float[] sums = own.sums = grow(own.sums, perTask * panelSums);
					float[] tile = prepacked != null ? prepacked : (own.tile = grow(own.tile, tileSize));
					java.util.Arrays.fill(sums, 0, (pb1 - pb0) * panelSums, 0f);
					for (int k0 = 0; k0 < taps; k0 += TAP_BLOCK) {
						int kc = Math.min(TAP_BLOCK, taps - k0), wi = 0;
						if (prepacked != null) wi = (cb * tiles + k0 / TAP_BLOCK) * tileSize;
						else wp.packTile(g, w, orig, cb, k0, kc, tile, 0);
						for (int pb = pb0; pb < pb1; pb++) {
							int ai = ((pb - band0) * taps + k0) * PatchPanels.PIXELS, at = (pb - pb0) * panelSums;
							if (width == 2 * L) VectorChannelBlocks.multiply8x2(patches, ai, tile, wi, kc, sums, at);
							else VectorChannelBlocks.multiply8x1(patches, ai, tile, wi, kc, sums, at);
						}
					}
					writeBack(sums, width, pb0, pb1, plane, wp.firstChannel(cb), g.cout, b, relu, y, yAt + (long) image * g.cout * plane);
				});
			}
		}
	}

	/** Every tile of every block, tile t of block cb from (cb·tiles + t)·TAP_BLOCK·2L on. */
	private static float[] packTiles(ConvGeometry g, float[] w, ConvGeometry orig, ChannelPanels wp, int threads, float[] all) {
		int taps = wp.taps, tiles = (taps + TAP_BLOCK - 1) / TAP_BLOCK, tileSize = TAP_BLOCK * 2 * L;
		Parallel.forEach(wp.blocks * tiles, threads, t -> {
			int k0 = t % tiles * TAP_BLOCK;
			wp.packTile(g, w, orig, t / tiles, k0, Math.min(TAP_BLOCK, taps - k0), all, t * tileSize);
		});
		return all;
	}

	/** Lane i reads the sum of pixel i: the sums of one channel lie one block width apart. */
	private static final int[] ONE_VECTOR_APART = apart(L), TWO_VECTORS_APART = apart(2 * L);

	private static int[] apart(int step) {
		int[] map = new int[L];
		for (int i = 0; i < L; i++) map[i] = i * step;
		return map;
	}

	/**
	 * Adds the bias to the task's sums (pixel-major) and stores them channel-major into the image's output planes: a
	 * vector of one channel's sums for L consecutive pixels is gathered at a time, the rest one by one.
	 */
	private static void writeBack(float[] sums, int width, int pb0, int pb1, int plane, int co0, int cout, float[] b,
			boolean relu, float[] y, long imageStart) {
		int p0 = pb0 * PatchPanels.PIXELS, p1 = Math.min(plane, pb1 * PatchPanels.PIXELS);
		int[] map = width == L ? ONE_VECTOR_APART : TWO_VECTORS_APART;
		FloatVector zero = FloatVector.zero(S);
		for (int c = 0; c < width && co0 + c < cout; c++) {
			float bias = b == null ? 0f : b[co0 + c];
			int out = (int) (imageStart + (long) (co0 + c) * plane), p = p0, s = c;
			for (; p + L <= p1; p += L, s += L * width) {
				FloatVector v = FloatVector.fromArray(S, sums, s, map, 0).add(bias);
				if (relu) v = zero.blend(v, v.compare(VectorOperators.GT, 0f));
				v.intoArray(y, out + p);
			}
			for (; p < p1; p++, s += width) {
				float v = sums[s] + bias;
				y[out + p] = relu && !(v > 0) ? 0f : v;
			}
		}
	}

	private static float[] grow(float[] a, int size) { return a.length >= size ? a : new float[size]; }
}
