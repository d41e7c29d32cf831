package sc.fiji.convnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.cli.ConvNetCli;
import sc.fiji.convnet.ij.BatchSegmentation;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.io.BatchJournal;
import sc.fiji.convnet.request.DetectRequest;
import sc.fiji.convnet.request.SaliencyRequest;
import sc.fiji.convnet.request.SegmentRequest;

/**
 * Folder jobs on {@code local[2,3]} (two task threads, up to three attempts per task) against {@code bin/convnet} on
 * the same folders, in one JVM: four 256² nuclei images of the DSB 2018 set segmented with the default options, the
 * first attempt at one image's task failing after it wrote its outputs; two BCCD smears detected and explained.
 */
class SparkFoldersTest {

	private static final Path NUCLEI = Path.of("../../shared/data/nuclei-dsb2018"), BCCD = Path.of("../../shared/data/bccd/JPEGImages");
	private static final int IMAGES = 4;

	@TempDir
	static Path dir;
	private static Path in, cli, spark;
	private static JavaSparkContext sc;
	private static FolderJob job;
	private static FolderRunner.Report first;
	private static List<String> names, journalAfterFirstRun;
	private static final List<String> log = Collections.synchronizedList(new ArrayList<>());
	private static final AtomicInteger failedTasks = new AtomicInteger(), jobs = new AtomicInteger();

	@BeforeAll
	static void segmentBothWays() throws Exception {
		Assumptions.assumeTrue(Files.isDirectory(NUCLEI.resolve("images")), "skipped: ../shared/data/nuclei-dsb2018 is absent");
		in = Files.createDirectories(dir.resolve("in"));
		names = smallImages(IMAGES);
		for (String n : names) Files.copy(NUCLEI.resolve("images").resolve(n), in.resolve(n));
		cli = dir.resolve("cli");
		spark = dir.resolve("spark");
		long t0 = System.nanoTime();
		assertEquals(0, convnet("segment", "--input", in.toString(), "--output", cli.toString(), "--threads", "1"));
		long t1 = System.nanoTime();

		sc = new JavaSparkContext(new SparkConf().setMaster("local[2,3]").setAppName("ConvNet folder test").set("spark.ui.enabled", "false")
				.set("spark.driver.host", "127.0.0.1"));
		sc.sc().addSparkListener(new SparkListener() {
			@Override
			public void onTaskEnd(SparkListenerTaskEnd end) {
				if (!end.taskInfo().successful()) failedTasks.incrementAndGet();
			}

			@Override
			public void onJobStart(SparkListenerJobStart start) {
				jobs.incrementAndGet();
			}
		});
		job = new FolderJob(new FolderCommand.Segment(SegmentRequest.defaults()), in.toString(), spark.toString());
		job.failFirstAttemptOf = names.get(1);
		first = SparkFolders.run(sc, job, log::add);
		journalAfterFirstRun = Files.readAllLines(spark.resolve(BatchJournal.FILE));
		System.out.printf("bin/convnet segment %.1f s; Spark local[2,3] %.1f s (%s)%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9, first);
	}

	@AfterAll
	static void stop() {
		if (sc != null) sc.close();
	}

	@Test
	void labelImagesArePixelIdenticalToTheCommandLine() throws Exception {
		assertEquals(0, first.exitCode(), first.toString());
		assertEquals(names, first.processed);
		for (String n : names) {
			String labels = FolderRunner.stem(n) + BatchSegmentation.LABELS_SUFFIX;
			ImagePlus expected = IJ.openImage(cli.resolve(labels).toString()), actual = IJ.openImage(spark.resolve(labels).toString());
			assertNotNull(actual, labels);
			assertEquals(expected.getBitDepth(), actual.getBitDepth(), labels);
			assertArrayEquals((float[]) expected.getProcessor().convertToFloatProcessor().getPixels(),
					(float[]) actual.getProcessor().convertToFloatProcessor().getPixels(), labels);
			assertTrue(expected.getProcessor().getStatistics().max > 0, labels + " has objects");
		}
	}

	@Test
	void aTaskThatFailsOnceIsRetriedWithoutDuplicateRows() throws Exception {
		assertTrue(failedTasks.get() >= 1, "the first attempt at " + names.get(1) + " failed and was retried");
		long lines = journalAfterFirstRun.stream().filter(l -> l.contains("\"input\":\"" + names.get(1) + "\"")).count();
		assertEquals(1, lines, "one journal line for the retried image");
		assertArrayEquals(Files.readAllBytes(cli.resolve(BatchSegmentation.MEASUREMENTS)), Files.readAllBytes(spark.resolve(BatchSegmentation.MEASUREMENTS)),
				"the folder table, assembled from the per-image tables, equals the command line's");
		List<String> perImage = Files.readAllLines(spark.resolve(FolderRunner.stem(names.get(1)) + BatchSegmentation.IMAGE_MEASUREMENTS_SUFFIX));
		long rows = Files.readAllLines(spark.resolve(BatchSegmentation.MEASUREMENTS)).stream().filter(l -> l.startsWith(names.get(1) + ",")).count();
		assertEquals(perImage.size() - 1, rows, "the retried image's rows once");
		try (Stream<Path> files = Files.list(spark)) {
			assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
		}
	}

	@Test
	void aRerunSkipsWhatTheJournalProvesAndRedoesTheRest() throws Exception {
		FolderJob rerun = copy(job, spark);
		int jobsBefore = jobs.get();
		FolderRunner.Report again = SparkFolders.run(sc, rerun, log::add);
		assertEquals(names, again.skipped);
		assertTrue(again.processed.isEmpty(), again.toString());
		assertEquals(jobsBefore, jobs.get(), "nothing to do: no Spark job");
		assertEquals(names, SparkFolders.run(sc, copy(job, cli), log::add).skipped, "the command line's journal is the same journal");

		// a job killed before it recorded one image: its journal line and an output are missing
		String lost = names.get(2);
		Files.delete(spark.resolve(FolderRunner.stem(lost) + BatchSegmentation.ROIS_SUFFIX));
		FolderRunner.Report resumed = SparkFolders.run(sc, rerun, log::add);
		assertEquals(List.of(lost), resumed.processed);
		assertArrayEquals(Files.readAllBytes(cli.resolve(BatchSegmentation.MEASUREMENTS)), Files.readAllBytes(spark.resolve(BatchSegmentation.MEASUREMENTS)));
	}

	@Test
	void detectionAndSaliencyWriteTheCommandLinesFiles() throws Exception {
		Assumptions.assumeTrue(Files.isDirectory(BCCD), "skipped: ../shared/data/bccd is absent");
		Path smears = Files.createDirectories(dir.resolve("smears"));
		try (Stream<Path> s = Files.list(BCCD)) {
			for (Path p : s.sorted().limit(2).toList()) Files.copy(p, smears.resolve(p.getFileName()));
		}
		assertEquals(0, convnet("detect", "--input", smears.toString(), "--output", dir.resolve("detect-cli").toString(), "--threads", "1"));
		assertEquals(0, convnet("saliency", "--input", smears.toString(), "--output", dir.resolve("saliency-cli").toString(), "--threads", "1", "--target", "WBC"));
		FolderJob detect = new FolderJob(new FolderCommand.Detect(DetectRequest.defaults()), smears.toString(), dir.resolve("detect").toString());
		FolderJob saliency = new FolderJob(new FolderCommand.Saliency(SaliencyRequest.defaults().with("target", "WBC"), SaliencyRequest.defaults()
				.with("target", "WBC").classIndex()), smears.toString(), dir.resolve("saliency").toString());
		assertEquals(0, SparkFolders.run(sc, detect, log::add).exitCode());
		assertEquals(0, SparkFolders.run(sc, saliency, log::add).exitCode());
		for (String task : List.of("detect", "saliency")) {
			try (Stream<Path> s = Files.list(dir.resolve(task + "-cli"))) {
				for (Path expected : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList())
					assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(dir.resolve(task).resolve(expected.getFileName())), expected.toString());
			}
		}
	}

	/** The first {@code n} 256×256 images of the set's table. */
	private static List<String> smallImages(int n) throws Exception {
		List<String> out = new ArrayList<>();
		for (String line : Files.readAllLines(NUCLEI.resolve("split.csv"))) {
			String[] f = line.split(",");
			if (f.length >= 4 && f[2].equals("256") && f[3].equals("256") && out.size() < n) out.add(f[0] + ".png");
		}
		assertEquals(n, out.size());
		return out;
	}

	private static FolderJob copy(FolderJob job, Path output) {
		FolderJob c = new FolderJob(job.command, job.input, output.toString());
		c.threads = job.threads;
		return c;
	}

	/** {@code bin/convnet} in this JVM. */
	private static int convnet(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		int code = ConvNetCli.run(args, print, print);
		if (code != 0) System.out.println(out.toString(StandardCharsets.UTF_8));
		return code;
	}
}
