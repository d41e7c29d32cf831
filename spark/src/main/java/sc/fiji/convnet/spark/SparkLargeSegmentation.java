package sc.fiji.convnet.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import net.imglib2.FinalInterval;
import net.imglib2.Interval;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.predict.TileNormalizer;
import sc.fiji.convnet.segment.BlockLayout;
import sc.fiji.convnet.segment.LargeImageSegmenter;
import sc.fiji.convnet.segment.LargeImageSegmenter.Block;
import sc.fiji.convnet.segment.LargeImageSegmenter.Summary;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.spark.zarr.ZarrPlane;
import scala.Tuple2;

/**
 * {@link LargeImageSegmenter} as a Spark job: the same blocks, the same objects, the same ids.
 * <ol>
 * <li>Driver: opens the input, checks its scale and computes the whole-image normalisation
 * ({@link LargeImageSegmenter#prepare}); broadcasts it and the model's files.</li>
 * <li>One task per block: {@link LargeImageSegmenter#segmentBlock} (predict the core plus margin, decode, keep
 * the objects whose first pixel lies in the core). A task sends each pixel its objects claim inside a later
 * block's crop to that block.</li>
 * <li>Per block: the one-machine rule that an earlier block keeps a pixel both claim (every pixel an earlier
 * block claims is held by the first claimant, so "claimed by any earlier block" is the test); objects left
 * without pixels drop out; the surviving objects are counted.</li>
 * <li>Driver: prefix sums of the counts in block order give each block its first id, so ids are 1…n in
 * block order, then anchor order: exactly the one-machine ids.</li>
 * <li>One task per output chunk: the labelled pixels falling in it, from whichever blocks, written atomically
 * (a chunk no object touches is not written: it reads 0).</li>
 * </ol>
 * Every step is a function of its inputs, so Spark may rerun any task (a lost executor, a failed attempt)
 * without duplicating an object.
 */
public final class SparkLargeSegmentation {

	private SparkLargeSegmentation() {}

	/** The surviving objects of one block: pixels as absolute (x, y), object k in {@code start[k]..start[k+1]}. */
	record Kept(long block, long[] x, long[] y, int[] start, long conflicts, int atMargin, long tiles, long predictNanos, long decodeNanos)
			implements Serializable {
		int count() { return start.length - 1; }
	}

	/** Labelled pixels of one output chunk from one block: chunk-local indices and ids. */
	record ChunkPart(int[] index, int[] ids) implements Serializable {}

	public static Summary run(JavaSparkContext sc, SegmentLargeJob job) throws IOException {
		long t0 = System.nanoTime();
		Path output = Path.of(job.output);
		prepareOutput(output, job.overwrite);
		ZarrPlane input = ZarrPlane.open(Path.of(job.input));
		ShippedModel model = ShippedModel.read(job.segmentation.model());
		SegmentationModel opened = model.open(job.threads);
		// the diameter is settled on the driver (measured once on a central sample when 0) and passed explicitly
		LargeImageSegmenter driver = segmenter(job, opened);
		// the whole-image statistics sample the input row by row: keep a whole row of chunks, or every row re-reads them
		TileNormalizer normalizer = driver.prepare(input.floats(Math.max(cachedChunks(job, input), (int) Math.min(4096, input.width() / input.chunkWidth() + 2))));
		if (!(normalizer instanceof Serializable))
			throw new IllegalStateException("the normalisation " + normalizer.getClass().getName() + " cannot be sent to the executors");
		long statsNanos = System.nanoTime() - t0;
		SegmentLargeJob tasks = copyWithDiameter(job, opened.trainedDiameter());
		long width = input.width(), height = input.height();
		long blocks = driver.layout(new FinalInterval(width, height)).count();
		if (blocks > Integer.MAX_VALUE) throw new IllegalArgumentException("segment-large: " + blocks + " blocks; use larger blocks");
		ZarrPlane labels = ZarrPlane.createLabels(output, input.width(), input.height(), input.chunkWidth(), input.chunkHeight());

		Broadcast<ShippedModel> shipped = sc.broadcast(model);
		Broadcast<TileNormalizer> norm = sc.broadcast(normalizer);
		List<Long> indices = new ArrayList<>();
		for (long b = 0; b < blocks; b++) indices.add(b);

		JavaPairRDD<Long, Block> segmented = sc.parallelize(indices, (int) blocks).mapToPair(b -> {
			TaskContext context = TaskContext.get();
			if (b == tasks.failFirstAttemptOf && context != null && context.attemptNumber() == 0)
				throw new IllegalStateException("test: the first attempt of block " + b + " fails");
			ZarrPlane in = ZarrPlane.open(Path.of(tasks.input));
			LargeImageSegmenter s = segmenter(tasks, shipped.value().open(tasks.threads));
			return new Tuple2<>(b, s.segmentBlock(in.floats(cachedChunks(tasks, in)), norm.value(), b, Progress.NONE));
		}).persist(StorageLevel.MEMORY_AND_DISK_SER());

		JavaPairRDD<Long, int[]> claims = segmented
				.flatMapToPair(e -> claimsOnLaterBlocks(e._2(), new BlockLayout(new FinalInterval(width, height), tasks.blockSize, tasks.margin), tasks.blockSize,
						tasks.margin)
						.iterator());
		JavaPairRDD<Long, Kept> kept = segmented.cogroup(claims, (int) blocks).mapToPair(e -> {
			Block block = e._2()._1().iterator().next();
			return new Tuple2<>(e._1(), keep(block, e._2()._2()));
		}).persist(StorageLevel.MEMORY_AND_DISK_SER());

		List<Tuple2<Long, long[]>> counts = kept.mapToPair(e -> new Tuple2<>(e._1(), new long[] { e._2().count(), e._2().conflicts(),
				e._2().atMargin(), e._2().tiles(), e._2().predictNanos(), e._2().decodeNanos() })).collect();
		long[] firstId = new long[(int) blocks];
		long[] total = new long[6];
		counts = new ArrayList<>(counts);
		counts.sort(Comparator.comparingLong(Tuple2::_1));
		long next = 1;
		for (Tuple2<Long, long[]> c : counts) {
			firstId[c._1().intValue()] = next;
			next += c._2()[0];
			for (int i = 0; i < total.length; i++) total[i] += c._2()[i];
		}
		if (next - 1 > 0xffffffffL) throw new IllegalArgumentException("segment-large: " + (next - 1) + " objects do not fit uint32 labels");
		Broadcast<long[]> ids = sc.broadcast(firstId);

		long t1 = System.nanoTime();
		String out = output.toString();
		int cw = labels.chunkWidth(), ch = labels.chunkHeight();
		long columns = labels.chunkColumns();
		long chunks = kept.flatMapToPair(e -> chunkParts(e._2(), ids.value()[e._1().intValue()], cw, ch, columns).iterator())
				.groupByKey((int) Math.max(1, Math.min(blocks, labels.chunkColumns() * labels.chunkRows()))).map(e -> {
					ZarrPlane target = ZarrPlane.open(Path.of(out));
					long column = e._1() % target.chunkColumns(), row = e._1() / target.chunkColumns();
					int[] values = new int[target.chunkWidth() * target.chunkHeight()];
					for (ChunkPart part : e._2()) for (int i = 0; i < part.index().length; i++) values[part.index()[i]] = part.ids()[i];
					target.writeChunk(column, row, values);
					return 1L;
				}).count();
		long writeNanos = System.nanoTime() - t1;
		segmented.unpersist(false);
		kept.unpersist(false);
		Summary s = new Summary(input.width(), input.height(), blocks, next - 1, total[3], total[1], total[2], statsNanos, total[4], total[5],
				writeNanos, System.nanoTime() - t0);
		System.err.println("segment-large: " + s + "; " + chunks + " label chunks written to " + output);
		return s;
	}

	/**
	 * The block-wise segmenter of a job with an opened model (the driver's, or an executor's copy); public so that
	 * a benchmark runs the one-machine segmentation with exactly the job's settings.
	 */
	public static LargeImageSegmenter segmenter(SegmentLargeJob job, SegmentationModel model) {
		return LargeImageSegmenter.builder(job.segmentation.applyTo(sc.fiji.convnet.segment.NucleiSegmenter.builder(model))).blockSize(job.blockSize)
				.margin(job.margin).batchSize(job.batchSize).build();
	}

	/** The job the tasks run: the diameter explicit (the model's own scale, which the driver has checked). */
	private static SegmentLargeJob copyWithDiameter(SegmentLargeJob job, double trained) {
		SegmentLargeJob t = copy(job);
		if (t.segmentation.diameter() == 0 && trained > 0) t.segmentation = t.segmentation.with("diameter", trained);
		return t;
	}

	/** A deep copy through Java serialisation (what a task gets anyway). */
	@SuppressWarnings("unchecked")
	private static <T extends Serializable> T copy(T o) {
		try {
			java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
			try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
				out.writeObject(o);
			}
			try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
				return (T) in.readObject();
			}
		} catch (IOException | ClassNotFoundException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Enough cached chunks for one block's crop and the tiles around it. */
	private static int cachedChunks(SegmentLargeJob job, ZarrPlane in) {
		long span = job.blockSize + 2L * job.margin + 2L * Math.max(1024, job.segmentation.tile());
		long n = (span / in.chunkWidth() + 2) * (span / in.chunkHeight() + 2);
		return (int) Math.max(4, Math.min(1024, n));
	}

	/** The pixels {@code block} claims inside each later block's crop, as indices into that crop. */
	static List<Tuple2<Long, int[]>> claimsOnLaterBlocks(Block block, BlockLayout layout, int bs, int margin) {
		Map<Long, IntList> out = new HashMap<>();
		long minX = layout.core(0, 0).min(0), minY = layout.core(0, 0).min(1);
		Map<Long, Interval> crops = new HashMap<>();
		for (int i = 0; i < block.pixels().length; i++) {
			long x = block.x(i), y = block.y(i);
			long c0 = Math.max(0, (x - margin - minX) / bs), c1 = Math.min(layout.columns() - 1, (x + margin - minX) / bs);
			long r0 = Math.max(0, (y - margin - minY) / bs), r1 = Math.min(layout.rows() - 1, (y + margin - minY) / bs);
			for (long r = r0; r <= r1; r++)
				for (long c = c0; c <= c1; c++) {
					long other = r * layout.columns() + c;
					if (other <= block.index()) continue;
					Interval crop = crops.computeIfAbsent(other, k -> layout.crop(k % layout.columns(), k / layout.columns()));
					if (x < crop.min(0) || x > crop.max(0) || y < crop.min(1) || y > crop.max(1)) continue;
					out.computeIfAbsent(other, k -> new IntList()).add((int) ((y - crop.min(1)) * crop.dimension(0) + (x - crop.min(0))));
				}
		}
		List<Tuple2<Long, int[]>> list = new ArrayList<>();
		out.forEach((k, v) -> list.add(new Tuple2<>(k, v.toArray())));
		return list;
	}

	/** The block's objects less the pixels earlier blocks claim; objects left without pixels drop out. */
	static Kept keep(Block block, Iterable<int[]> earlierClaims) {
		BitSet claimed = new BitSet(block.width() * block.height());
		for (int[] c : earlierClaims) for (int i : c) claimed.set(i);
		int n = block.pixels().length;
		long[] x = new long[n], y = new long[n];
		List<Integer> starts = new ArrayList<>();
		int m = 0;
		long conflicts = 0;
		for (int k = 0; k < block.count(); k++) {
			int begin = m;
			for (int i = block.start()[k]; i < block.start()[k + 1]; i++) {
				if (claimed.get(block.pixels()[i])) { conflicts++; continue; }
				x[m] = block.x(i);
				y[m++] = block.y(i);
			}
			if (m > begin) starts.add(begin);
		}
		int[] start = new int[starts.size() + 1];
		for (int k = 0; k < starts.size(); k++) start[k] = starts.get(k);
		start[starts.size()] = m;
		return new Kept(block.index(), Arrays.copyOf(x, m), Arrays.copyOf(y, m), start, conflicts, block.atMargin(), block.tiles(), block.predictNanos(),
				block.decodeNanos());
	}

	/** A block's labelled pixels grouped by output chunk (key: row × columns + column). */
	static List<Tuple2<Long, ChunkPart>> chunkParts(Kept kept, long firstId, int cw, int ch, long columns) {
		Map<Long, IntList[]> parts = new HashMap<>();
		for (int k = 0; k < kept.count(); k++) {
			int id = (int) (firstId + k); // uint32 bits
			for (int i = kept.start()[k]; i < kept.start()[k + 1]; i++) {
				long key = kept.y()[i] / ch * columns + kept.x()[i] / cw;
				IntList[] p = parts.computeIfAbsent(key, q -> new IntList[] { new IntList(), new IntList() });
				p[0].add((int) ((kept.y()[i] % ch) * cw + kept.x()[i] % cw));
				p[1].add(id);
			}
		}
		List<Tuple2<Long, ChunkPart>> list = new ArrayList<>();
		parts.forEach((k, p) -> list.add(new Tuple2<>(k, new ChunkPart(p[0].toArray(), p[1].toArray()))));
		return list;
	}

	/** An output that exists is replaced only when asked, and only when it is a Zarr folder. */
	private static void prepareOutput(Path output, boolean overwrite) throws IOException {
		if (!Files.exists(output)) return;
		boolean empty;
		try (Stream<Path> s = Files.list(output)) {
			empty = s.findAny().isEmpty();
		}
		if (empty) return;
		if (!overwrite) throw new IOException("segment-large: " + output + " exists; pass --overwrite to replace it");
		if (!Files.exists(output.resolve(".zgroup")) && !Files.exists(output.resolve(".zarray")))
			throw new IOException("segment-large: " + output + " is not a Zarr folder; not replacing it");
		try (Stream<Path> s = Files.walk(output)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
		}
	}

	/** A growable int array. */
	static final class IntList {
		private int[] a = new int[64];
		private int n;
		void add(int v) {
			if (n == a.length) a = Arrays.copyOf(a, 2 * n);
			a[n++] = v;
		}
		int[] toArray() { return Arrays.copyOf(a, n); }
	}
}
