package sc.fiji.convnet.predict;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Tiled prediction from one ImgLib2 image into another, for images that need not fit in memory: the input
 * {@code (x, y[, c])} is read tile by tile (a cell image, a file-backed or a lazily generated image), each
 * tile is normalised with whole-image statistics, tiles go to the {@link Predictor} in batches of equal
 * shape, and the cores are written into the output {@code (x, y[, k])} the caller provides. Only the
 * batches in flight are in memory: one being read, one being predicted, one being written.
 * <p>
 * The tile grid ({@link TileGrid}) is anchored at the input's minimum and only the tiles that meet the
 * output's x/y interval are computed, so the output may be any region of the input (a view of the far
 * corner of a huge image gives the same pixels as the whole run would there).
 * <pre>
 * StreamingTiledPredictor p = StreamingTiledPredictor.builder(predictor).batchSize(4)
 *         .normalizer(SampledPercentiles.of(input).scaleRange(1, 99.8, 1e-6)).build();
 * p.predict(input, output, Progress.NONE);
 * </pre>
 */
public final class StreamingTiledPredictor {

	private final Predictor predictor;
	private final int tileSize, halo, batchSize;
	private final TileNormalizer normalizer;
	private final boolean pipelined;

	private StreamingTiledPredictor(Builder b) {
		this.predictor = b.predictor;
		this.tileSize = b.tileSize;
		this.halo = b.halo >= 0 ? b.halo : b.predictor.halo();
		this.batchSize = Math.max(1, Math.min(b.batchSize, b.predictor.maxBatch()));
		this.normalizer = b.normalizer;
		this.pipelined = b.pipelined;
	}

	public static Builder builder(Predictor predictor) { return new Builder(predictor); }

	/**
	 * Most tiles per predictor call: the requested batch size, limited by what the predictor accepts; a run
	 * also keeps each batch within {@link Predictor#tilePixels()} pixels (at least one tile).
	 */
	public int batchSize() { return batchSize; }

	/** The tile grid this predictor uses for an input image. */
	public TileGrid grid(RandomAccessibleInterval<?> input) {
		return TileGrid.of(input, predictor, tileSize, halo);
	}

	/** How many tiles and batches were run, and where the time went (nanoseconds; read and write overlap prediction). */
	public record Report(long tiles, long batches, long readNanos, long predictNanos, long writeNanos) {}

	/**
	 * Predicts the output's region.
	 *
	 * @param input  {@code (x, y)} or {@code (x, y, c)}, raw values (the normaliser is applied per tile)
	 * @param output {@code (x, y)} for one output channel or {@code (x, y, k)}; its x/y interval must lie
	 *               inside the input's
	 */
	public Report predict(RandomAccessibleInterval<? extends RealType<?>> input, RandomAccessibleInterval<FloatType> output, Progress progress) {
		int ni = input.numDimensions(), no = output.numDimensions();
		if (ni != 2 && ni != 3) throw new IllegalArgumentException("Tiling: input must be (x, y[, c]), got " + ni + " dimensions " + dims(input));
		if (no != 2 && no != 3) throw new IllegalArgumentException("Tiling: output must be (x, y[, k]), got " + no + " dimensions " + dims(output));
		TileGrid grid = grid(input);
		TileGrid.TileRange range = grid.covering(output);
		TileReader reader = new TileReader(input, normalizer);
		TileStitcher stitcher = new TileStitcher(output);
		int c = reader.channels(), tw = grid.inputWidth(), th = grid.inputHeight();
		// a batch holds at most the predictor's tile budget of pixels (large tiles go one at a time)
		int batchSize = (int) Math.max(1, Math.min(this.batchSize, predictor.tilePixels() / ((long) tw * th)));
		long tiles = range.count(), batches = TileGrid.ceilDiv(tiles, batchSize);
		long[] time = new long[3];

		ExecutorService readThread = pipelined ? Executors.newSingleThreadExecutor(daemon("tile-reader")) : null;
		ExecutorService writeThread = pipelined ? Executors.newSingleThreadExecutor(daemon("tile-writer")) : null;
		try {
			Future<Tensor> next = submit(readThread, () -> readBatch(reader, range, 0, batchSize, c, th, tw, time));
			Future<?> written = null;
			for (long b = 0; b < batches; b++) {
				if (progress.cancelled()) throw new CancelledException();
				Tensor in = await(next);
				long nextBatch = b + 1;
				if (nextBatch < batches) next = submit(readThread, () -> readBatch(reader, range, nextBatch, batchSize, c, th, tw, time));
				long t0 = System.nanoTime();
				Tensor out = predictor.predict(in);
				time[1] += System.nanoTime() - t0;
				check(out, in, stitcher.channels());
				if (written != null) await(written);
				long batch = b;
				written = submit(writeThread, () -> { writeBatch(stitcher, range, batch * batchSize, out, time); return null; });
				long done = Math.min(tiles, (b + 1) * batchSize);
				progress.update((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(tiles, Integer.MAX_VALUE));
			}
			if (written != null) await(written);
		} finally {
			if (pipelined) {
				readThread.shutdownNow();
				writeThread.shutdownNow();
				try {
					readThread.awaitTermination(1, TimeUnit.MINUTES);
					writeThread.awaitTermination(1, TimeUnit.MINUTES);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
		}
		return new Report(tiles, batches, time[0], time[1], time[2]);
	}

	private static Tensor readBatch(TileReader reader, TileGrid.TileRange range, long batch, int batchSize, int c, int th, int tw, long[] time) {
		long t0 = System.nanoTime();
		long first = batch * batchSize;
		int n = (int) Math.min(batchSize, range.count() - first);
		int per = c * th * tw;
		float[] data = new float[n * per];
		for (int i = 0; i < n; i++) reader.read(range.get(first + i), data, i * per);
		time[0] += System.nanoTime() - t0;
		return new Tensor(data, n, c, th, tw);
	}

	private static void writeBatch(TileStitcher stitcher, TileGrid.TileRange range, long first, Tensor out, long[] time) {
		long t0 = System.nanoTime();
		int per = out.c() * out.h() * out.w();
		for (int i = 0; i < out.n(); i++) stitcher.write(range.get(first + i), out.data(), i * per);
		time[2] += System.nanoTime() - t0;
	}

	private void check(Tensor out, Tensor in, int outChannels) {
		if (out.rank() != 4 || out.n() != in.n() || out.h() != in.h() || out.w() != in.w())
			throw new IllegalStateException("Tiling: " + predictor.describe() + " mapped tiles " + in.shapeString() + " to " + out.shapeString()
					+ "; expected " + in.n() + "×K×" + in.h() + "×" + in.w() + " (same batch and size)");
		if (out.c() != outChannels)
			throw new IllegalArgumentException("Tiling: " + predictor.describe() + " gives " + out.c() + " output channels but the output image has "
					+ outChannels + " (its third dimension)");
	}

	private static String dims(RandomAccessibleInterval<?> img) {
		return java.util.Arrays.toString(img.dimensionsAsLongArray());
	}

	private static <T> Future<T> submit(ExecutorService thread, java.util.concurrent.Callable<T> task) {
		if (thread != null) return thread.submit(task);
		java.util.concurrent.FutureTask<T> f = new java.util.concurrent.FutureTask<>(task);
		f.run();
		return f;
	}

	private static <T> T await(Future<T> f) {
		try {
			return f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException();
		} catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException r) throw r;
			if (cause instanceof Error err) throw err;
			throw new IllegalStateException("Tiling: " + cause, cause);
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		};
	}

	/** Settings; the halo defaults to the predictor's. */
	public static final class Builder {
		private final Predictor predictor;
		private int tileSize = 0, halo = -1, batchSize = 4;
		private TileNormalizer normalizer = TileNormalizer.NONE;
		private boolean pipelined = true;

		private Builder(Predictor predictor) {
			if (predictor == null) throw new IllegalArgumentException("Tiling: no predictor");
			this.predictor = predictor;
		}

		/**
		 * Largest input tile edge in pixels, halo included (ignored when the model has a fixed size); 0 (the
		 * default) sizes tiles from {@link Predictor#tilePixels()}, so an image within it is one tile.
		 */
		public Builder tileSize(int pixels) {
			if (pixels < 0) throw new IllegalArgumentException("Tiling: tile size must be ≥ 0 (0 = automatic), got " + pixels);
			this.tileSize = pixels;
			return this;
		}

		/** Context pixels per side between neighbouring tiles (none at the image border); rounded up to the model's size multiple. */
		public Builder halo(int pixels) { this.halo = pixels; return this; }

		/** Tiles per predictor call, at most {@link Predictor#maxBatch()}. */
		public Builder batchSize(int tiles) {
			if (tiles < 1) throw new IllegalArgumentException("Tiling: batch size must be positive, got " + tiles);
			this.batchSize = tiles;
			return this;
		}

		public Builder normalizer(TileNormalizer n) { this.normalizer = n == null ? TileNormalizer.NONE : n; return this; }

		/** Read the next batch and write the last one on two helper threads while the model runs (default). */
		public Builder pipelined(boolean on) { this.pipelined = on; return this; }

		public StreamingTiledPredictor build() { return new StreamingTiledPredictor(this); }
	}
}
