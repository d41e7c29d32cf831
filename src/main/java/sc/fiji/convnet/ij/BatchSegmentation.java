package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import sc.fiji.convnet.io.BatchJournal;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.NucleiSegmenter;

/**
 * Segments every image of a folder through the {@link FolderRunner}. For each image it writes
 * {@code <base>_labels.tif}, {@code <base>_rois.zip} and {@code <base>_measurements.csv} (one row per object), and
 * at the end of every run rebuilds the folder table {@code measurements.csv} from the per-image tables of all the
 * run's images (so it is complete after an interrupted run is rerun). {@code <base>} follows the runner's naming rule.
 */
public final class BatchSegmentation extends ImageFolderTask<BatchSegmentation> {

	public static final String LABELS_SUFFIX = "_labels.tif";
	public static final String ROIS_SUFFIX = "_rois.zip";
	public static final String IMAGE_MEASUREMENTS_SUFFIX = "_measurements.csv";
	public static final String MEASUREMENTS = "measurements.csv";
	/** The folder table's columns when no image gave any object. */
	static final String HEADER = "Image,Plane,Label,Area,X,Y,BX,BY,Width,Height,Mean,IntDen,RawIntDen," + ImageSegmentation.DIAMETER_COLUMN + "\n";

	private final NucleiSegmenter segmenter;
	private final int channel;

	public BatchSegmentation(NucleiSegmenter segmenter, int channel, boolean overwrite, Consumer<String> log) {
		super(overwrite, log);
		this.segmenter = segmenter;
		this.channel = channel;
	}

	@Override public String name() { return "segment"; }
	@Override public String doneWord() { return "segmented"; }
	@Override public List<String> outputSuffixes() { return List.of(LABELS_SUFFIX, ROIS_SUFFIX, IMAGE_MEASUREMENTS_SUFFIX); }

	@Override
	public String settings() {
		return "model=" + segmenter.model().name() + "@sha256:" + segmenter.model().digest() + ";channel=" + channel + ";" + segmenter.settings();
	}


	@Override
	public void process(ImagePlus imp, FolderRunner.Item item) throws Exception {
		SegmentationOutput out = ImageSegmentation.segment(imp, segmenter, channel, false, steps(item));
		byte[] tiff = new FileSaver(out.labels()).serialize();
		if (tiff == null) throw new IOException("the label image could not be encoded as TIFF");
		item.write(LABELS_SUFFIX, stream -> stream.write(tiff));
		item.write(ROIS_SUFFIX, stream -> RoiZip.write(out.rois(), stream));
		ResultsTable rows = imageRows(out.table(), item.name());
		item.write(IMAGE_MEASUREMENTS_SUFFIX, stream -> stream.write(rows.size() > 0 ? Tables.csv(rows, 3) : HEADER.getBytes(StandardCharsets.UTF_8)));
		for (String warning : out.warnings()) log.accept(item.name() + ": warning: " + warning);
		String size = out.diameterSummary();
		item.note(out.objectCount() + " objects" + (size.isEmpty() ? "" : " (" + size + ")"));
	}

	/**
	 * measurements.csv: every per-image table of the run's images in input order, under the union of their
	 * columns (images differ: one without nuclei has no shape columns, one with more channels more intensity
	 * columns); a value an image's table lacks is left empty.
	 */
	@Override
	public void finish(FolderRunner.Finish finish) throws IOException {
		java.util.LinkedHashSet<String> columns = new java.util.LinkedHashSet<>();
		List<List<String>> headers = new java.util.ArrayList<>();
		List<List<List<String>>> rows = new java.util.ArrayList<>();
		long objects = 0;
		for (BatchJournal.Entry e : finish.done) {
			String name = e.outputs.keySet().stream().filter(n -> n.endsWith(IMAGE_MEASUREMENTS_SUFFIX)).findFirst().orElse(null);
			if (name == null) continue;
			List<String> lines = Files.readAllLines(finish.outputFolder().resolve(name), StandardCharsets.UTF_8);
			if (lines.isEmpty()) continue;
			List<String> header = Tables.splitCsvLine(lines.get(0));
			List<List<String>> body = new java.util.ArrayList<>();
			for (String line : lines.subList(1, lines.size())) if (!line.isEmpty()) body.add(Tables.splitCsvLine(line));
			if (body.isEmpty()) continue;
			columns.addAll(header);
			headers.add(header);
			rows.add(body);
			objects += body.size();
		}
		StringBuilder all = new StringBuilder();
		if (columns.isEmpty()) all.append(HEADER);
		else {
			all.append(String.join(",", columns.stream().map(Tables::quote).toList())).append('\n');
			for (int t = 0; t < headers.size(); t++)
				for (List<String> row : rows.get(t)) {
					java.util.Map<String, String> byColumn = new java.util.HashMap<>();
					for (int c = 0; c < headers.get(t).size() && c < row.size(); c++) byColumn.put(headers.get(t).get(c), row.get(c));
					all.append(String.join(",", columns.stream().map(c -> Tables.quote(byColumn.getOrDefault(c, ""))).toList())).append('\n');
				}
		}
		byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
		Path table = finish.write(MEASUREMENTS, stream -> stream.write(bytes));
		finish.report.table = table.toFile();
		finish.report.objects = objects;
		finish.report.summary(objects + " objects");
	}

	private static ResultsTable imageRows(ResultsTable rows, String image) {
		ResultsTable t = new ResultsTable();
		for (int r = 0; r < rows.size(); r++) {
			t.incrementCounter();
			t.addValue("Image", image);
			t.addValue("Plane", rows.columnExists("Plane") ? rows.getValue("Plane", r) : 1);
			for (String h : rows.getHeadings())
				if (!h.equals("Plane")) t.addValue(h, rows.getValue(h, r));
		}
		return t;
	}

	/** Opens an image file with the batch checks ({@link ImageFiles#open}). */
	public static ImagePlus open(File file) throws IOException { return ImageFiles.open(file); }

	/** Log lines into ImageJ's Log window (or standard output when headless). */
	public static Consumer<String> imageJLog() { return IJ::log; }
}
