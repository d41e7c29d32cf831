package sc.fiji.convnet.ij;

import java.awt.Rectangle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import sc.fiji.convnet.predict.Progress;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import sc.fiji.convnet.explain.ImageClassifier;
import sc.fiji.convnet.explain.TopClasses;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Classify for ImageJ images: the top-k classes with probabilities of the whole image, of each ROI (the crop of
 * its bounds) or of every window of a sliding window (a class map), as a ResultsTable.
 */
public final class ImageClassification {

	private ImageClassification() {}

	/** Pixel values divided by 255: the shipped cell-type classifier's input ("rgb 0-1"). */
	public static final String NORMALIZE_DIVIDE_255 = sc.fiji.convnet.request.Normalization.DIVIDE_255;
	public static final String[] NORMALIZATIONS = sc.fiji.convnet.request.Normalization.CLASSIFY.toArray(new String[0]);

	/** A Classify result: the table, and for a sliding window the class map (else null). */
	public record Result(ResultsTable table, ImagePlus map) {}

	/** Classify as the request says: the whole image, each ROI, or every sliding window. */
	public static Result run(ImagePlus imp, sc.fiji.convnet.request.ClassifyRequest r) throws IOException {
		return run(imp, r, Progress.NONE);
	}

	/** The same with progress over the windows or ROIs (issue #19), Esc checked between them. */
	public static Result run(ImagePlus imp, sc.fiji.convnet.request.ClassifyRequest r, Progress progress) throws IOException {
		if (sc.fiji.convnet.request.ClassifyRequest.WINDOWS.equals(r.classify())) {
			ClassMap m = slidingWindow(imp, r.classifier(), r.window(), r.stride(), r.normalization(), progress);
			return new Result(m.table(), m.map());
		}
		if (sc.fiji.convnet.request.ClassifyRequest.ROIS.equals(r.classify())) return new Result(rois(imp, r.classifier(), r.top(), r.normalization(), progress), null);
		return new Result(image(imp, r.classifier(), r.top(), r.normalization()), null);
	}

	/** The image's current plane as the classifier's input: the model's preprocessing, or {@code normalization} for a bare network. */
	public static Tensor input(ImagePlus imp, Opened classifier, String normalization) {
		if (imp == null) throw new IllegalArgumentException("Classify: no image");
		return SaliencyImages.tensor(imp, classifier.scores().channels(), classifier.model(), normalization);
	}

	/** A classifier with the model it came from (whose description says how its input is normalised). */
	public record Opened(ModelFiles model, ImageClassifier scores) {
		public static Opened of(ModelFiles model) throws IOException { return new Opened(model, ImageClassifier.of(model)); }
	}

	/** The classifier a user named: a shipped or installed model's name, or a path (see {@link ModelRepository}). */
	static Opened classifier(String model) throws IOException {
		return Opened.of(ModelRepository.standard().find(model));
	}

	/** One row for the whole image. */
	public static ResultsTable image(ImagePlus imp, String model, int k, String normalization) throws IOException {
		Opened c = classifier(model);
		ResultsTable t = new ResultsTable();
		row(t, imp.getTitle(), new Rectangle(0, 0, imp.getWidth(), imp.getHeight()), c.scores().top(input(imp, c, normalization), k));
		return t;
	}

	/** One row per ROI (the ROI Manager's, else the overlay's), each classified from the crop of its bounds. */
	public static ResultsTable rois(ImagePlus imp, String model, int k, String normalization) throws IOException {
		return rois(imp, model, k, normalization, Progress.NONE);
	}

	static ResultsTable rois(ImagePlus imp, String model, int k, String normalization, Progress progress) throws IOException {
		List<Roi> rois = rois(imp);
		if (rois.isEmpty()) throw new IllegalArgumentException("Classify: " + imp.getTitle() + " has no ROIs in the ROI Manager or overlay");
		Opened c = classifier(model);
		Tensor x = input(imp, c, normalization);
		ResultsTable t = new ResultsTable();
		progress.stage("classifying ROIs");
		for (int i = 0; i < rois.size(); i++) {
			if (progress.cancelled()) throw new sc.fiji.convnet.predict.CancelledException();
			progress.update(i, rois.size());
			Rectangle b = rois.get(i).getBounds();
			String name = rois.get(i).getName() != null ? rois.get(i).getName() : "ROI " + (i + 1);
			row(t, name, b, c.scores().top(x, b.x, b.y, b.width, b.height, k));
		}
		return t;
	}

	/** The ROIs of the ROI Manager when it holds any, else those of the image's overlay. */
	public static List<Roi> rois(ImagePlus imp) {
		RoiManager rm = RoiManager.getInstance();
		if (rm != null && rm.getCount() > 0) return List.of(rm.getRoisAsArray());
		Overlay o = imp.getOverlay();
		List<Roi> out = new ArrayList<>();
		if (o != null) for (Roi r : o.toArray()) out.add(r);
		return out;
	}

	/** A class map: table rows per window and an 8-bit image of the class indices, one pixel per window. */
	public record ClassMap(ResultsTable table, ImagePlus map) {}

	public static ClassMap slidingWindow(ImagePlus imp, String model, int window, int stride, String normalization) throws IOException {
		return slidingWindow(imp, model, window, stride, normalization, Progress.NONE);
	}

	static ClassMap slidingWindow(ImagePlus imp, String model, int window, int stride, String normalization, Progress progress) throws IOException {
		Opened c = classifier(model);
		List<ImageClassifier.Cell> cells = c.scores().slidingWindow(input(imp, c, normalization), window, stride, 32, progress);
		int cols = (imp.getWidth() - window) / stride + 1, rows = (imp.getHeight() - window) / stride + 1;
		ByteProcessor bp = new ByteProcessor(cols, rows);
		ResultsTable t = new ResultsTable();
		for (ImageClassifier.Cell cell : cells) {
			bp.set(cell.x() / stride, cell.y() / stride, cell.top().index());
			row(t, imp.getTitle(), new Rectangle(cell.x(), cell.y(), window, window), List.of(cell.top()));
		}
		bp.setMinAndMax(0, Math.max(1, c.scores().names().size() - 1));
		ImagePlus map = new ImagePlus(imp.getShortTitle() + "_classmap", bp);
		ij.measure.Calibration cal = map.getCalibration();
		cal.pixelWidth = cal.pixelHeight = stride;
		cal.xOrigin = cal.yOrigin = -(window / 2.0) / stride;
		map.setProperty("Info", "Class map of " + imp.getTitle() + ": classes " + c.scores().names() + ", window " + window + ", stride " + stride);
		return new ClassMap(t, map);
	}

	private static void row(ResultsTable t, String label, Rectangle b, List<TopClasses.Ranked> top) {
		t.incrementCounter();
		t.addLabel(label);
		t.addValue("X", b.x);
		t.addValue("Y", b.y);
		t.addValue("Width", b.width);
		t.addValue("Height", b.height);
		for (int r = 0; r < top.size(); r++) {
			t.addValue("Class " + (r + 1), top.get(r).name());
			t.addValue("Index " + (r + 1), top.get(r).index());
			t.addValue("P " + (r + 1), top.get(r).probability());
		}
	}
}
