package sc.fiji.convnet.segment;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

import net.imglib2.Interval;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.predict.SampledPercentiles;
import sc.fiji.convnet.predict.StreamingTiledPredictor;
import sc.fiji.convnet.predict.TileNormalizer;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Nuclei segmentation of a 2-D image of any size (beyond 2^31 pixels, beyond the heap: a cell image, a
 * file-backed or a lazily generated one) into a label image the caller provides, block by block.
 * <ol>
 * <li>Normalisation statistics are computed once for the whole image: the model's own pre-processing steps (e.g.
 * {@code scale_range} 1–99.8 % for the shipped nuclei model, zero mean and unit variance for others) with their
 * statistics from the deterministic grid sample of {@link SampledPercentiles} (at most 2^22 pixels; every pixel
 * for smaller images, then exact), applied to every tile alike.</li>
 * <li>The image is cut into blocks (cores of {@code blockSize}², {@link BlockLayout}); each core widened by a
 * margin is predicted ({@link StreamingTiledPredictor}, whose tile grid is anchored at the image's minimum, so
 * every block sees the same tiles and the same probabilities as one whole-image run) into memory and decoded
 * with the {@link InstanceDecoder} of the {@link NucleiSegmenter} settings.</li>
 * <li>A block keeps exactly the objects whose first pixel in raster order lies in its core
 * ({@link AnchoredObjects}); objects are written whole, also into neighbouring cores, so none is cut at a
 * seam or counted twice. The margin must exceed the largest object (twice it, so that the neighbours competing
 * for its pixels are whole too); objects reaching a crop edge are counted in {@link Summary#objectsAtMargin()}.</li>
 * <li>Ids are 1, 2, … in the order blocks are processed (raster order), within a block in anchor order:
 * deterministic, consecutive, unique over the whole image. Where an object would take a pixel an earlier
 * block's object already holds (the two decodings disagree there), the earlier keeps it
 * ({@link Summary#conflictPixels()}); an object left without pixels gets no id.</li>
 * </ol>
 * The label image is set to 0 band by band just before blocks write there (unless
 * {@link Builder#clearLabels(boolean) clearLabels(false)} says it holds zeros already). Memory: one block's crop
 * (probabilities and decoder arrays, about 60 bytes per pixel: some 330 MB for the default 2048 + 2·128) plus
 * the label image's own cache; nothing grows with the image. The segmenter's tile size, halo and flip views
 * apply to the tiles; rescaling to a nucleus diameter is not done block by block (resample the image first).
 * <p>
 * The steps are public for a cluster ({@code ConvNet-spark}): {@link #prepare} once, {@link #segmentBlock} for
 * each block anywhere, then the ownership and first-claim rules above to merge.
 */
public final class LargeImageSegmenter {

	/** Where the work went; times in nanoseconds. */
	public record Summary(long width, long height, long blocks, long objects, long tiles, long conflictPixels, long objectsAtMargin,
			long statsNanos, long predictNanos, long decodeNanos, long writeNanos, long totalNanos) {
		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d objects in a %d×%d image, %d blocks (%d tiles); statistics %.1f s, prediction %.1f s, "
					+ "decoding %.1f s, writing %.1f s, total %.1f s; %d objects at a block margin, %d conflicting pixels", objects, width, height,
					blocks, tiles, statsNanos / 1e9, predictNanos / 1e9, decodeNanos / 1e9, writeNanos / 1e9, totalNanos / 1e9, objectsAtMargin,
					conflictPixels);
		}
	}

	private final NucleiSegmenter settings;
	private final int blockSize, margin, batchSize;
	private final boolean clearLabels;
	private final Function<RandomAccessibleInterval<? extends RealType<?>>, TileNormalizer> normalization;

	private LargeImageSegmenter(Builder b) {
		this.settings = b.settings;
		this.blockSize = b.blockSize;
		this.margin = b.margin;
		this.batchSize = b.batchSize;
		this.clearLabels = b.clearLabels;
		this.normalization = b.normalization;
	}

	/** Block-wise segmentation with the given segmenter's model and decoding settings. */
	public static Builder builder(NucleiSegmenter settings) { return new Builder(settings); }

	public static Builder builder(NucleiSegmenter.Builder settings) {
		if (settings == null) throw new IllegalArgumentException("Segment large image: no segmenter settings given");
		return new Builder(settings.build());
	}

	/**
	 * One block's work, the unit a cluster distributes ({@link #segmentBlock}): the objects it owns, their pixels
	 * as indices into its crop (raster order, {@code width} = the crop's width), before any conflict with other
	 * blocks is settled. Coordinates are absolute; {@code crop} and {@code core} are {minX, minY, maxX, maxY}.
	 */
	public record Block(long index, long[] crop, long[] core, int[] start, int[] pixels, int atMargin, long tiles, long predictNanos,
			long decodeNanos) implements java.io.Serializable {
		public int count() { return start.length - 1; }
		public int width() { return (int) (crop[2] - crop[0] + 1); }
		public int height() { return (int) (crop[3] - crop[1] + 1); }
		/** Absolute x and y of pixel {@code i} (an index into {@link #pixels()}). */
		public long x(int i) { return crop[0] + pixels[i] % width(); }
		public long y(int i) { return crop[1] + pixels[i] / width(); }
	}

	/**
	 * Checks {@code image} ((x, y), its scale against the model's trained nucleus size: rescaling is refused, an
	 * automatic diameter is measured on a central sample) and computes its whole-image normalisation, once for
	 * every block.
	 */
	public TileNormalizer prepare(RandomAccessibleInterval<? extends RealType<?>> image) {
		check(image);
		return normalization.apply(image);
	}

	/** How the image is cut into blocks (numbered in raster order from 0). */
	public BlockLayout layout(Interval image) { return new BlockLayout(image, blockSize, margin); }

	/**
	 * Predicts and decodes block {@code block} of {@code image} ({@link #prepare}d: {@code normalizer} is its
	 * result) and selects the objects it owns. Depends on nothing but its arguments, so blocks may run in any
	 * order, in parallel, on other machines, and again after a failure.
	 */
	public Block segmentBlock(RandomAccessibleInterval<? extends RealType<?>> image, TileNormalizer normalizer, long block, Progress progress) {
		BlockLayout layout = layout(image);
		if (block < 0 || block >= layout.count()) throw new IllegalArgumentException("Segment large image: block " + block + " of " + layout.count());
		long column = block % layout.columns(), row = block / layout.columns();
		Interval core = layout.core(column, row), crop = layout.crop(column, row);
		SegmentationModel model = settings.model();
		StreamingTiledPredictor tiler = StreamingTiledPredictor.builder(settings.predictor()).tileSize(settings.tileSize()).halo(settings.halo())
				.batchSize(batchSize).normalizer(normalizer).build();
		int channels = model.outputKind().channels();
		int w = (int) crop.dimension(0), h = (int) crop.dimension(1);
		long t1 = System.nanoTime();
		float[] data = new float[channels * w * h]; // (x, y, k) with x fastest = 1×K×H×W row-major
		StreamingTiledPredictor.Report r = tiler.predict(image, Views.translate(ArrayImgs.floats(data, w, h, channels), crop.min(0), crop.min(1), 0),
				progress == null ? Progress.NONE : progress);
		float[][] maps = NucleiSegmenter.planes(model.postprocess(new Tensor(data, 1, channels, h, w)));
		data = null;
		long t2 = System.nanoTime();
		LabelImage local = settings.decoder().decode(maps, w, h);
		maps = null;
		AnchoredObjects objects = AnchoredObjects.select(local, crop, core, image);
		int[] start = new int[objects.count() + 1], pixels = new int[objects.count() == 0 ? 0 : objects.end(objects.count() - 1)];
		int atMargin = 0;
		for (int k = 0; k < objects.count(); k++) {
			start[k + 1] = objects.end(k);
			if (objects.atCropEdge(k)) atMargin++;
			for (int i = objects.start(k); i < objects.end(k); i++) pixels[i] = objects.pixel(i);
		}
		return new Block(block, corners(crop), corners(core), start, pixels, atMargin, r.tiles(), t2 - t1, System.nanoTime() - t2);
	}

	private static long[] corners(Interval i) { return new long[] { i.min(0), i.min(1), i.max(0), i.max(1) }; }

	/**
	 * Segments {@code image} into {@code labels}.
	 *
	 * @param image  {@code (x, y)}, raw values
	 * @param labels {@code (x, y)}, the same interval as the image; an integer type wide enough for the object
	 *               count (IntType, UnsignedIntType, LongType)
	 */
	public <L extends IntegerType<L>> Summary segment(RandomAccessibleInterval<? extends RealType<?>> image, RandomAccessibleInterval<L> labels,
			Progress progress) {
		checkLabels(image, labels);
		Progress p = progress == null ? Progress.NONE : progress;
		long t0 = System.nanoTime();
		TileNormalizer normalizer = prepare(image);
		long statsNanos = System.nanoTime() - t0;
		BlockLayout layout = layout(image);
		long maxId = (long) Math.min(labels.randomAccess().get().createVariable().getMaxValue(), Long.MAX_VALUE);
		RandomAccess<L> out = labels.randomAccess();

		long nextId = 1, tiles = 0, conflicts = 0, atMargin = 0, predictNanos = 0, decodeNanos = 0, writeNanos = 0;
		long clearedUntil = image.min(1); // rows above are zero or written
		long blocks = layout.count();
		int scale = blocks > 1_000_000 ? 1 : 1000;
		int total = (int) Math.min(Integer.MAX_VALUE, blocks * scale);
		for (long block = 0; block < blocks; block++) {
			if (p.cancelled()) throw new CancelledException();
			Interval crop = layout.crop(block % layout.columns(), block / layout.columns());
			if (clearLabels && crop.max(1) >= clearedUntil) {
				long t = System.nanoTime();
				clearRows(labels, clearedUntil, crop.max(1));
				clearedUntil = crop.max(1) + 1;
				writeNanos += System.nanoTime() - t;
			}
			Block objects = segmentBlock(image, normalizer, block, blockProgress(p, block, scale, total));
			tiles += objects.tiles();
			atMargin += objects.atMargin();
			long t3 = System.nanoTime();
			for (int k = 0; k < objects.count(); k++) {
				long id = 0;
				for (int i = objects.start()[k]; i < objects.start()[k + 1]; i++) {
					out.setPosition(objects.x(i), 0);
					out.setPosition(objects.y(i), 1);
					L v = out.get();
					if (v.getIntegerLong() != 0) { conflicts++; continue; }
					if (id == 0) {
						if (nextId > maxId) throw new IllegalArgumentException("Segment large image: more than " + maxId + " objects do not fit the label type "
								+ v.getClass().getSimpleName() + "; use UnsignedIntType or LongType");
						id = nextId++;
					}
					v.setInteger(id);
				}
			}
			predictNanos += objects.predictNanos();
			decodeNanos += objects.decodeNanos();
			writeNanos += System.nanoTime() - t3;
			p.update((int) Math.min(Integer.MAX_VALUE, (block + 1) * scale), total);
		}
		return new Summary(image.dimension(0), image.dimension(1), blocks, nextId - 1, tiles, conflicts, atMargin, statsNanos, predictNanos, decodeNanos,
				writeNanos, System.nanoTime() - t0);
	}

	private static void checkLabels(RandomAccessibleInterval<? extends RealType<?>> image, RandomAccessibleInterval<?> labels) {
		if (image == null || labels == null) throw new IllegalArgumentException("Segment large image: no " + (image == null ? "image" : "label image"));
		checkPlane(image);
		if (labels.numDimensions() != 2 || !Arrays.equals(image.minAsLongArray(), labels.minAsLongArray())
				|| !Arrays.equals(image.maxAsLongArray(), labels.maxAsLongArray()))
			throw new IllegalArgumentException("Segment large image: the label image " + describe(labels) + " must have the image's interval " + describe(image));
	}

	private static void checkPlane(RandomAccessibleInterval<?> image) {
		if (image == null) throw new IllegalArgumentException("Segment large image: no image");
		if (image.numDimensions() != 2)
			throw new IllegalArgumentException("Segment large image: the image must be 2-D (x, y), got " + image.numDimensions() + " dimensions "
					+ Arrays.toString(image.dimensionsAsLongArray()) + "; pass one plane (Views.hyperSlice)");
	}

	private void check(RandomAccessibleInterval<? extends RealType<?>> image) {
		checkPlane(image);
		double trained = settings.model().trainedDiameter();
		if (settings.diameter() > 0 && trained > 0 && Math.abs(trained / settings.diameter() - 1) > 1e-9)
			throw new IllegalArgumentException("Segment large image: rescaling to the nucleus diameter " + settings.diameter() + " (the model was trained at "
					+ trained + ") is not done block by block; resample the image first, or set the diameter to " + trained + " to segment at its scale");
		if (settings.diameter() == 0 && trained > 0) {
			double found = settings.findDiameter(centralSample(image));
			if (settings.scaleFor(found, (int) Math.min(Integer.MAX_VALUE, image.dimension(0)), (int) Math.min(Integer.MAX_VALUE, image.dimension(1))) != 1)
				throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "Segment large image: nuclei about %.1f px across were found on a"
						+ " sample, the model was trained at %.1f px, and block-wise segmentation works at the image's scale: resample the image by %.3f"
						+ " first, or set the diameter to %.1f to segment at this scale anyway", found, trained, trained / found, trained));
		}
	}

	/** The central window of at most 1024×1024 pixels, where the nucleus size is measured once for the whole image. */
	private static float[][] centralSample(RandomAccessibleInterval<? extends RealType<?>> image) {
		long w = Math.min(1024, image.dimension(0)), h = Math.min(1024, image.dimension(1));
		long x0 = image.min(0) + (image.dimension(0) - w) / 2, y0 = image.min(1) + (image.dimension(1) - h) / 2;
		float[] pixels = new float[(int) (w * h)];
		int i = 0;
		for (RealType<?> v : Views.flatIterable(Views.interval(image, new long[] { x0, y0 }, new long[] { x0 + w - 1, y0 + h - 1 })))
			pixels[i++] = v.getRealFloat();
		return new float[][] { pixels, { w, h } };
	}

	private static String describe(RandomAccessibleInterval<?> img) {
		return "[min " + Arrays.toString(img.minAsLongArray()) + ", size " + Arrays.toString(img.dimensionsAsLongArray()) + "]";
	}

	/** Sets rows y0..y1 (inclusive) of the label image to 0. */
	private static <L extends IntegerType<L>> void clearRows(RandomAccessibleInterval<L> labels, long y0, long y1) {
		long[] min = labels.minAsLongArray(), max = labels.maxAsLongArray();
		min[1] = y0;
		max[1] = y1;
		for (L v : Views.flatIterable(Views.interval(labels, min, max))) v.setZero();
	}

	/** Cancellation reaches the tiles; progress is the blocks done plus the tile fraction of this one. */
	private static Progress blockProgress(Progress p, long block, int scale, int total) {
		return new Progress() {
			@Override public void update(int done, int all) {
				long value = block * scale + (all == 0 ? 0 : (long) scale * done / all);
				p.update((int) Math.min(Integer.MAX_VALUE, value), total);
			}
			@Override public boolean cancelled() { return p.cancelled(); }
		};
	}

	/** Block geometry and normalisation; decoding comes from the {@link NucleiSegmenter}. */
	public static final class Builder {
		private final NucleiSegmenter settings;
		private int blockSize = 2048, margin = 128, batchSize = 4;
		private boolean clearLabels = true;
		private Function<RandomAccessibleInterval<? extends RealType<?>>, TileNormalizer> normalization;

		private Builder(NucleiSegmenter settings) {
			if (settings == null) throw new IllegalArgumentException("Segment large image: no segmenter given");
			this.settings = settings;
			this.normalization = image -> settings.model().tileNormalizer(SampledPercentiles.of(image));
		}

		/** Edge of a block's core in pixels (default 2048). */
		public Builder blockSize(int pixels) { this.blockSize = pixels; return this; }

		/** Context decoded around each core (default 128): at least twice the largest object's extent. */
		public Builder margin(int pixels) { this.margin = pixels; return this; }

		/** Tiles per model call. */
		public Builder batchSize(int tiles) { this.batchSize = tiles; return this; }

		/** false: the label image holds zeros already (a new image), skip clearing it. */
		public Builder clearLabels(boolean clear) { this.clearLabels = clear; return this; }

		/**
		 * Whole-image normalisation, computed once from the image (default: the model's own pre-processing with its
		 * statistics from {@link SampledPercentiles#of}, as {@link SegmentationModel#tileNormalizer} does).
		 */
		public Builder normalization(Function<RandomAccessibleInterval<? extends RealType<?>>, TileNormalizer> fromImage) {
			if (fromImage == null) throw new IllegalArgumentException("Segment large image: no normalisation given");
			this.normalization = fromImage;
			return this;
		}

		public LargeImageSegmenter build() {
			if (blockSize < 16) throw new IllegalArgumentException("Segment large image: block size must be ≥ 16, got " + blockSize);
			if (margin < 0) throw new IllegalArgumentException("Segment large image: margin must be ≥ 0, got " + margin);
			if ((long) blockSize + 2L * margin > 16_384)
				throw new IllegalArgumentException("Segment large image: a block of " + blockSize + " plus 2 × " + margin + " margin exceeds 16384 pixels per side");
			if (batchSize < 1) throw new IllegalArgumentException("Segment large image: batch size must be ≥ 1, got " + batchSize);
			return new LargeImageSegmenter(this);
		}
	}
}
