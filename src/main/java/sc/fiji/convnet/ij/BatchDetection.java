package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import ij.ImagePlus;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.BoxCsv;
import sc.fiji.convnet.detect.DetectionCounts;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.detect.Detector;
import sc.fiji.convnet.predict.Progress;

/**
 * Detects objects in every image of a folder (or one file): {@code <name>_boxes.csv} per image (the box
 * CSV contract) and one {@code counts.csv} with the count per class and image. Non-images and unreadable
 * files are logged and skipped; existing outputs are kept unless overwrite is on.
 */
public final class BatchDetection {

	public static final String COUNTS = "counts.csv";

	private final Detector detector;
	private final DetectionSettings settings;
	private final boolean overwrite;
	private final Consumer<String> log;

	public BatchDetection(Detector detector, DetectionSettings settings, boolean overwrite, Consumer<String> log) {
		this.detector = detector;
		this.settings = settings;
		this.overwrite = overwrite;
		this.log = log;
	}

	public static final class Report {
		public final List<String> processed = new ArrayList<>(), skipped = new ArrayList<>(), failed = new ArrayList<>();
		/** Files that are no images at all: logged and passed over, not failures. */
		public final List<String> notImages = new ArrayList<>();
		public final Map<String, Map<String, Integer>> counts = new TreeMap<>();
		public File countsFile;

		@Override
		public String toString() {
			return processed.size() + " images with detections written, " + skipped.size() + " skipped (outputs exist), " + notImages.size()
					+ " not images, " + failed.size() + " failed"
					+ (countsFile != null ? "; counts: " + countsFile : "");
		}
	}

	/** @param input a folder or one image file; @param fileFilter a glob such as {@code *.jpg} (null: every file) */
	public Report run(File input, File outputDir, String fileFilter, Progress progress) throws IOException {
		if (!input.exists()) throw new IOException("Detection: input " + input + " does not exist");
		if (outputDir.exists() && !outputDir.isDirectory()) throw new IOException("Detection: output " + outputDir + " is a file, not a folder");
		if (!outputDir.exists() && !outputDir.mkdirs()) throw new IOException("Detection: cannot create output folder " + outputDir);
		File[] files;
		if (input.isFile()) files = new File[] { input };
		else {
			String glob = fileFilter == null || fileFilter.isBlank() ? "*" : fileFilter.trim();
			PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
			files = input.listFiles(f -> f.isFile() && !f.isHidden() && matcher.matches(Paths.get(f.getName())) && !isOurOutput(f.getName()));
			if (files == null) throw new IOException("Detection: cannot list " + input);
			Arrays.sort(files);
		}
		Report report = new Report();
		for (int i = 0; i < files.length; i++) {
			if (progress.cancelled()) { log.accept("Detection: cancelled after " + i + " of " + files.length + " files"); break; }
			progress.update(i, files.length);
			File file = files[i];
			String base = ImageSegmentation.stripExtension(file.getName());
			File out = new File(outputDir, base + BoxCsv.SUFFIX);
			if (!overwrite && out.exists()) {
				log.accept(file.getName() + ": skipped, " + out.getName() + " exists in " + outputDir + " (turn on overwrite to replace it)");
				report.skipped.add(file.getName());
				continue;
			}
			if (!BatchSegmentation.looksLikeImage(file)) {
				log.accept(file.getName() + ": skipped: not an image");
				report.notImages.add(file.getName());
				continue;
			}
			try {
				ImagePlus imp = BatchSegmentation.open(file);
				List<Box> boxes = detector.detect(DetectionImages.toRgb(imp), settings);
				BoxCsv.write(out.toPath(), boxes);
				Map<String, Integer> counts = DetectionCounts.perClass(boxes, detector.classes());
				report.counts.put(file.getName(), counts);
				report.processed.add(file.getName());
				log.accept(file.getName() + ": " + boxes.size() + " objects " + counts);
			} catch (Exception | OutOfMemoryError e) {
				log.accept(file.getName() + ": skipped: " + e.getMessage());
				report.failed.add(file.getName());
			}
		}
		progress.update(files.length, files.length);
		if (!report.counts.isEmpty()) {
			File target = new File(outputDir, COUNTS);
			for (int k = 2; target.exists() && !overwrite; k++) target = new File(outputDir, "counts_" + k + ".csv");
			Files.writeString(target.toPath(), DetectionCounts.csv(report.counts, detector.classes()));
			report.countsFile = target;
		}
		return report;
	}

	private static boolean isOurOutput(String name) {
		return name.endsWith(BoxCsv.SUFFIX) || name.startsWith("counts") && name.endsWith(".csv");
	}
}
