package sc.fiji.convnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.integer.IntType;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.LabelImage;
import sc.fiji.convnet.segment.LargeImageSegmenter;
import sc.fiji.convnet.segment.SegmentationMetrics;
import sc.fiji.convnet.segment.SegmentationModels;
import sc.fiji.convnet.spark.zarr.ImageToZarr;
import sc.fiji.convnet.spark.zarr.ZarrPlane;

/**
 * The Spark block job against the one-machine {@link LargeImageSegmenter} on a real fluorescence image (the
 * shipped 512² sample mirrored out to {@code SIZE}², {@code BLOCK}² blocks with a 64-pixel margin), with
 * {@code local[2,3]} (2 threads, up to 3 attempts per task) and the first attempt of one inner block failing: the
 * label images must be identical, ids included, so AP 1.0 between them. The size: 4096² with 512² blocks (64
 * blocks; 7 minutes for both runs on two busy cores, about 4 on idle ones); {@code -Dconvnet.spark.size=2048} for a
 * quicker look while working on the job.
 */
class SparkLargeSegmentationTest {

	private static final Path MODEL = Path.of("../models/nuclei");
	private static final String SAMPLE = "../samples/nuclei_fluo_32bit.tif";
	private static final int SIZE = Integer.getInteger("convnet.spark.size", 4096), BLOCK = Integer.getInteger("convnet.spark.block", 512), MARGIN = 64;
	private static final int COLUMNS = (SIZE + BLOCK - 1) / BLOCK, FAILING_BLOCK = COLUMNS + 1; // an inner block

	@TempDir
	static Path dir;
	private static JavaSparkContext sc;
	private static int[] expected, actual;
	private static LargeImageSegmenter.Summary local, distributed;
	private static final AtomicInteger failedTasks = new AtomicInteger();

	@BeforeAll
	static void segmentTwice() throws Exception {
		Assumptions.assumeTrue(Files.isRegularFile(MODEL.resolve("model.onnx")), "skipped: the shipped model is absent");
		FloatProcessor image = mirrored(IJ.openImage(SAMPLE));
		ZarrPlane input = ImageToZarr.write(image, dir.resolve("image.zarr"), BLOCK);

		SegmentLargeJob job = new SegmentLargeJob(dir.resolve("image.zarr").toString(), dir.resolve("labels.zarr").toString());
		job.segmentation = job.segmentation.with("model", MODEL.toString())
				.with("views", 1) // one view: the test's time goes to the blocks, not to averaging
				.with("tile", 512)
				.with("diameter", SegmentationModels.load(MODEL.toString(), 1).trainedDiameter()); // the model's scale (the sample's nuclei are larger)
		job.blockSize = BLOCK;
		job.margin = MARGIN;
		job.threads = 1;
		job.failFirstAttemptOf = FAILING_BLOCK;

		long t0 = System.nanoTime();
		ArrayImg<IntType, IntArray> labels = ArrayImgs.ints(SIZE, SIZE);
		local = SparkLargeSegmentation.segmenter(job, SegmentationModels.load(MODEL.toString(), 1)).segment(input.floats(64), labels, Progress.NONE);
		expected = labels.update(null).getCurrentStorageArray();
		long t1 = System.nanoTime();

		sc = new JavaSparkContext(new SparkConf().setMaster("local[2,3]").setAppName("ConvNet test").set("spark.ui.enabled", "false")
				.set("spark.driver.host", "127.0.0.1").set("spark.sql.shuffle.partitions", "4"));
		sc.sc().addSparkListener(new SparkListener() {
			@Override
			public void onTaskEnd(SparkListenerTaskEnd end) {
				if (!end.taskInfo().successful()) failedTasks.incrementAndGet();
			}
		});
		distributed = SparkLargeSegmentation.run(sc, job);
		actual = readAll(ZarrPlane.open(dir.resolve("labels.zarr")));
		System.out.printf("%d² image, %d² blocks: one machine %.1f s (%s); Spark local[2,3] %.1f s (%s)%n", SIZE, BLOCK, (t1 - t0) / 1e9, local,
				(System.nanoTime() - t1) / 1e9, distributed);
	}

	@AfterAll
	static void stop() {
		if (sc != null) sc.close();
	}

	@Test
	void sameLabelsAsOneMachineIdsIncluded() {
		assertTrue(local.objects() > 100, "many nuclei: " + local.objects());
		assertEquals(local.objects(), distributed.objects());
		assertEquals(local.conflictPixels(), distributed.conflictPixels());
		assertEquals(local.objectsAtMargin(), distributed.objectsAtMargin());
		assertArrayEquals(expected, actual, "label images differ");
		SegmentationMetrics ap = new SegmentationMetrics(0.5, 0.95).add(labels(expected), labels(actual));
		assertEquals(1.0, ap.averagePrecision(0));
		assertEquals(1.0, ap.averagePrecision(1));
	}

	@Test
	void everyObjectCrossingABlockBorderOnce() {
		Set<Integer> ids = new HashSet<>();
		for (int v : actual) if (v != 0) ids.add(v);
		assertEquals(distributed.objects(), ids.size(), "ids are 1…n, each used");
		assertEquals(distributed.objects(), ids.stream().mapToInt(Integer::intValue).max().orElse(0));
		// an id on both sides of a seam is one object crossing it; the same partition as the one-machine run shows none is cut
		Set<Integer> crossing = new HashSet<>();
		for (int s = BLOCK; s < SIZE; s += BLOCK)
			for (int t = 0; t < SIZE; t++) {
				int a = actual[t * SIZE + s - 1], b = actual[t * SIZE + s], c = actual[(s - 1) * SIZE + t], d = actual[s * SIZE + t];
				if (a != 0 && a == b) crossing.add(a);
				if (c != 0 && c == d) crossing.add(c);
			}
		assertTrue(crossing.size() >= 10, "objects across block seams: " + crossing.size());
		for (int id : crossing) assertEquals(1, pieces(actual, id), "object " + id + " across a seam is one piece");
	}

	@Test
	void aFailedTaskIsRetriedWithoutDuplicates() {
		assertTrue(failedTasks.get() >= 1, "the first attempt of block " + FAILING_BLOCK + " failed and was retried");
		assertEquals((long) COLUMNS * COLUMNS, distributed.blocks());
	}

	private static LabelImage labels(int[] ids) {
		return new LabelImage(SIZE, SIZE, ids, java.util.Arrays.stream(ids).max().orElse(0));
	}

	/** The 8-connected pieces of one object's pixels. */
	private static int pieces(int[] ids, int id) {
		boolean[] seen = new boolean[ids.length];
		int pieces = 0;
		java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
		for (int start = 0; start < ids.length; start++) {
			if (ids[start] != id || seen[start]) continue;
			pieces++;
			seen[start] = true;
			todo.add(start);
			while (!todo.isEmpty()) {
				int p = todo.poll(), x = p % SIZE, y = p / SIZE;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int nx = x + dx, ny = y + dy, q = ny * SIZE + nx;
						if (nx < 0 || ny < 0 || nx >= SIZE || ny >= SIZE || seen[q] || ids[q] != id) continue;
						seen[q] = true;
						todo.add(q);
					}
			}
		}
		return pieces;
	}

	/** The sample reflected at its right and bottom edges (edge pixel not repeated) out to SIZE². */
	private static FloatProcessor mirrored(ImagePlus imp) {
		assertNotNull(imp, SAMPLE);
		float[] src = (float[]) imp.getProcessor().convertToFloatProcessor().getPixels();
		int w = imp.getWidth(), h = imp.getHeight();
		float[] out = new float[SIZE * SIZE];
		for (int y = 0; y < SIZE; y++)
			for (int x = 0; x < SIZE; x++) {
				int sx = x % (2 * w - 2), sy = y % (2 * h - 2);
				sx = sx < w ? sx : 2 * w - 2 - sx;
				sy = sy < h ? sy : 2 * h - 2 - sy;
				out[y * SIZE + x] = src[sy * w + sx];
			}
		return new FloatProcessor(SIZE, SIZE, out);
	}

	private static int[] readAll(ZarrPlane labels) throws Exception {
		int[] out = new int[SIZE * SIZE];
		int cw = labels.chunkWidth(), ch = labels.chunkHeight();
		for (long r = 0; r < labels.chunkRows(); r++)
			for (long c = 0; c < labels.chunkColumns(); c++) {
				float[] chunk = labels.readChunk(c, r);
				for (int y = 0; y < ch && r * ch + y < SIZE; y++)
					for (int x = 0; x < cw && c * cw + x < SIZE; x++) out[(int) ((r * ch + y) * SIZE + c * cw + x)] = (int) chunk[y * cw + x];
			}
		return out;
	}
}
