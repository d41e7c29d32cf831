package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.measure.ResultsTable;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.NucleiSegmenter;

/**
 * Segments every image of a folder. For each image {@code <name>} it writes {@code <name>_labels.tif}
 * and {@code <name>_rois.zip}, and for the whole run one {@code measurements.csv}. Files that are not
 * images or cannot be read are logged and skipped; existing outputs are kept unless overwrite is on;
 * nothing is ever written over an input.
 */
public final class BatchSegmentation {

	public static final String LABELS_SUFFIX = "_labels.tif";
	public static final String ROIS_SUFFIX = "_rois.zip";
	public static final String MEASUREMENTS = "measurements.csv";

	private final NucleiSegmenter segmenter;
	private final int channel;
	private final boolean overwrite;
	private final Consumer<String> log;

	public BatchSegmentation(NucleiSegmenter segmenter, int channel, boolean overwrite, Consumer<String> log) {
		this.segmenter = segmenter;
		this.channel = channel;
		this.overwrite = overwrite;
		this.log = log;
	}

	/** What a batch run did. */
	public static final class Report {
		public final List<String> processed = new ArrayList<>();
		public final List<String> skipped = new ArrayList<>();
		public final List<String> failed = new ArrayList<>();
		/** Files that are no images at all (a README, a table): logged and passed over, not failures. */
		public final List<String> notImages = new ArrayList<>();
		public int objects;
		public File measurements;

		@Override
		public String toString() {
			return processed.size() + " segmented, " + skipped.size() + " skipped (outputs exist), " + notImages.size() + " not images, "
					+ failed.size() + " failed; " + objects + " objects" + (measurements != null ? "; table: " + measurements : "");
		}
	}

	/** @param fileFilter a glob such as {@code *.tif} (empty or null: every file) */
	public Report run(File inputDir, File outputDir, String fileFilter, Progress progress) throws IOException {
		if (!inputDir.isDirectory()) throw new IOException("Batch: input folder " + inputDir + " does not exist");
		if (outputDir.exists() && !outputDir.isDirectory()) throw new IOException("Batch: output " + outputDir + " is a file, not a folder");
		if (!outputDir.exists() && !outputDir.mkdirs()) throw new IOException("Batch: cannot create output folder " + outputDir);
		String glob = fileFilter == null || fileFilter.isBlank() ? "*" : fileFilter.trim();
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		File[] files = inputDir.listFiles(f -> f.isFile() && !f.isHidden() && matcher.matches(Paths.get(f.getName())) && !isOurOutput(f.getName()));
		if (files == null) throw new IOException("Batch: cannot list " + inputDir);
		Arrays.sort(files);
		Report report = new Report();
		ResultsTable all = new ResultsTable();
		for (int i = 0; i < files.length; i++) {
			if (progress.cancelled()) { log.accept("Batch: cancelled after " + i + " of " + files.length + " files"); break; }
			progress.update(i, files.length);
			File file = files[i];
			String base = ImageSegmentation.stripExtension(file.getName());
			File labelsFile = new File(outputDir, base + LABELS_SUFFIX), roisFile = new File(outputDir, base + ROIS_SUFFIX);
			if (!overwrite && (labelsFile.exists() || roisFile.exists())) {
				log.accept(file.getName() + ": skipped, outputs exist in " + outputDir + " (turn on overwrite to replace them)");
				report.skipped.add(file.getName());
				continue;
			}
			if (!looksLikeImage(file)) {
				log.accept(file.getName() + ": skipped: not an image");
				report.notImages.add(file.getName());
				continue;
			}
			try {
				ImagePlus imp = open(file);
				SegmentationOutput out = ImageSegmentation.segment(imp, segmenter, channel, false, Progress.NONE);
				requireNotInput(labelsFile, files);
				if (!new FileSaver(out.labels()).saveAsTiff(labelsFile.getPath()))
					throw new IOException("cannot write " + labelsFile);
				RoiZip.write(out.rois(), roisFile);
				appendRows(all, out.table(), file.getName());
				report.processed.add(file.getName());
				report.objects += out.objectCount();
				for (String warning : out.warnings()) log.accept(file.getName() + ": warning: " + warning);
				String size = out.diameterSummary();
				log.accept(file.getName() + ": " + out.objectCount() + " objects" + (size.isEmpty() ? "" : " (" + size + ")"));
			} catch (CancelledException e) {
				log.accept("Batch: cancelled at " + file.getName());
				break;
			} catch (Exception | OutOfMemoryError e) {
				log.accept(file.getName() + ": skipped: " + e.getMessage());
				report.failed.add(file.getName());
			}
		}
		progress.update(files.length, files.length);
		report.measurements = writeTable(all, outputDir);
		return report;
	}

	private File writeTable(ResultsTable table, File outputDir) throws IOException {
		File target = new File(outputDir, MEASUREMENTS);
		for (int i = 2; target.exists() && !overwrite; i++) target = new File(outputDir, "measurements_" + i + ".csv");
		if (table.size() > 0) {
			if (!table.save(target.getPath())) throw new IOException("Batch: cannot write " + target);
		} else java.nio.file.Files.writeString(target.toPath(), "Image,Plane,Label,Area,X,Y,BX,BY,Width,Height,Mean,IntDen,RawIntDen," + ImageSegmentation.DIAMETER_COLUMN + "\n");
		return target;
	}

	private static void appendRows(ResultsTable all, ResultsTable rows, String image) {
		for (int r = 0; r < rows.size(); r++) {
			all.incrementCounter();
			all.addValue("Image", image);
			all.addValue("Plane", rows.columnExists("Plane") ? rows.getValue("Plane", r) : 1);
			for (String h : rows.getHeadings())
				if (!h.equals("Plane")) all.addValue(h, rows.getValue(h, r));
		}
	}

	/** Opens an image file, with one-line messages for the usual failures. */
	public static ImagePlus open(File file) throws IOException {
		if (!file.canRead()) throw new IOException("cannot read the file");
		int type = new Opener().getFileType(file.getPath());
		if (type == Opener.UNKNOWN || type == Opener.TEXT || type == Opener.JAVA_OR_TEXT || type == Opener.ROI || type == Opener.ZIP
				)
			throw new IOException("not an image ImageJ can open");
		ImagePlus imp = new Opener().openImage(file.getPath());
		if (imp == null || imp.getWidth() == 0) throw new IOException("not a readable image (corrupt or unsupported)");
		return imp;
	}

	/** Image file endings ImageJ reads; a file with one of them that fails to open is a failure, not a non-image. */
	private static final java.util.Set<String> IMAGE_ENDINGS = java.util.Set.of("tif", "tiff", "png", "jpg", "jpeg", "gif", "bmp", "pgm", "ppm",
			"pnm", "dcm", "dicom", "fits", "fit", "fts", "lsm", "zip", "avi", "raw", "img", "hdr", "nrrd", "nhdr", "ics", "ids", "mha", "mhd");

	/** An image ending, or content ImageJ recognises as an image. */
	static boolean looksLikeImage(File file) {
		String name = file.getName().toLowerCase();
		int dot = name.lastIndexOf('.');
		if (dot > 0 && IMAGE_ENDINGS.contains(name.substring(dot + 1))) return true;
		int type = new Opener().getFileType(file.getPath());
		return type != Opener.UNKNOWN && type != Opener.TEXT && type != Opener.JAVA_OR_TEXT && type != Opener.ROI && type != Opener.TABLE;
	}

	private static boolean isOurOutput(String name) {
		return name.endsWith(LABELS_SUFFIX) || name.endsWith(ROIS_SUFFIX) || name.endsWith("_boxes.csv") || name.endsWith("_saliency.tif")
				|| name.startsWith("measurements");
	}

	private static void requireNotInput(File out, File[] inputs) throws IOException {
		for (File in : inputs)
			if (in.getCanonicalFile().equals(out.getCanonicalFile()))
				throw new IOException("refusing to write " + out + " over an input file");
	}

	/** Log lines into ImageJ's Log window (or standard output when headless). */
	public static Consumer<String> imageJLog() { return IJ::log; }
}
