package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import sc.fiji.convnet.io.BatchJournal;
import sc.fiji.convnet.predict.Progress;

/**
 * Detects objects in every image of a folder (or one file) through the {@link FolderRunner}: {@code <base>_boxes.csv}
 * per image (the box CSV contract) and, rebuilt from those at the end of every run, one {@code counts.csv} with the
 * count per class and image.
 */
public final class BatchDetection extends ImageFolderTask<BatchDetection> {

	public static final String COUNTS = "counts.csv";

	private final Detector detector;
	private final DetectionSettings settings;
	private final String modelDigest;
	private boolean allPlanes = true;

	public BatchDetection(Detector detector, DetectionSettings settings, boolean overwrite, Consumer<String> log) {
		this(detector, settings, overwrite, log, "");
	}

	/** @param modelDigest the weights' sha256 ({@code ModelFiles.digest()}), recorded in the journal */
	public BatchDetection(Detector detector, DetectionSettings settings, boolean overwrite, Consumer<String> log, String modelDigest) {
		super(overwrite, log);
		this.detector = detector;
		this.settings = settings;
		this.modelDigest = modelDigest == null ? "" : modelDigest;
	}

	/** The detector of a model name or path (with its weights verified and their digest kept for the journal). */
	public static BatchDetection of(String model, String decoder, DetectionSettings settings, boolean overwrite, Consumer<String> log) throws IOException {
		Detector detector = sc.fiji.convnet.detect.DetectionModels.load(model, decoder);
		try {
			return new BatchDetection(detector, settings, overwrite, log, sc.fiji.convnet.model.ModelRepository.standard().resolve(model).digest());
		} catch (RuntimeException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	/** The detector a request names, with its decoder, settings and planes. */
	public static BatchDetection of(sc.fiji.convnet.request.DetectRequest request, boolean overwrite, Consumer<String> log) throws IOException {
		return of(request.model(), request.decoderOverride(), request.settings(), overwrite, log).planes(request.allPlanes());
	}

	/** Every slice and frame of a stack (the default; their boxes carry slice and frame columns), or only its first plane. */
	public BatchDetection planes(boolean all) {
		allPlanes = all;
		return this;
	}

	public Detector detector() { return detector; }

	@Override public String name() { return "detect"; }
	@Override public String doneWord() { return "images with detections written"; }
	@Override public List<String> outputSuffixes() { return List.of(BoxCsv.SUFFIX); }

	@Override
	public String settings() {
		return "model=" + detector.describe() + "@sha256:" + modelDigest + ";scales=" + java.util.Arrays.toString(settings.scales()) + ";views=" + settings.views() + ";score="
				+ settings.scoreThreshold() + ";iou=" + settings.iouThreshold() + ";classAgnostic=" + settings.classAgnostic() + ";planes=" + (allPlanes ? "all" : "first");
	}

	@Override
	public void process(ImagePlus imp, FolderRunner.Item item) throws Exception {
		List<DetectionPlanes.Plane> planes = DetectionPlanes.detect(imp, detector, settings, allPlanes, steps(item));
		List<Box> boxes = DetectionPlanes.all(planes);
		byte[] csv = (imp.getNSlices() * imp.getNFrames() > 1 && allPlanes ? withPlanes(planes) : BoxCsv.format(boxes)).getBytes(StandardCharsets.UTF_8);
		item.write(BoxCsv.SUFFIX, stream -> stream.write(csv));
		item.note(boxes.size() + " objects " + DetectionCounts.perClass(boxes, detector.classes()));
	}

	private static String withPlanes(List<DetectionPlanes.Plane> planes) {
		List<Box> boxes = DetectionPlanes.all(planes);
		int[] slices = new int[boxes.size()], frames = new int[boxes.size()];
		int i = 0;
		for (DetectionPlanes.Plane p : planes)
			for (int k = 0; k < p.boxes().size(); k++, i++) { slices[i] = p.slice(); frames[i] = p.frame(); }
		return BoxCsv.format(boxes, slices, frames);
	}

	/** counts.csv from the box files of the run's images (none written when no image has boxes). */
	@Override
	public void finish(FolderRunner.Finish finish) throws IOException {
		Map<String, Map<String, Integer>> counts = new TreeMap<>();
		for (BatchJournal.Entry e : finish.done)
			for (String name : e.outputs.keySet())
				if (name.endsWith(BoxCsv.SUFFIX)) counts.put(e.input, DetectionCounts.perClass(BoxCsv.read(finish.outputFolder().resolve(name)), detector.classes()));
		if (counts.isEmpty()) return;
		byte[] csv = DetectionCounts.csv(counts, detector.classes()).getBytes(StandardCharsets.UTF_8);
		finish.report.table = finish.write(COUNTS, stream -> stream.write(csv)).toFile();
	}
}
