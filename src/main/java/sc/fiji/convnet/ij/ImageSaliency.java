package sc.fiji.convnet.ij;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.BatchClassifier;
import sc.fiji.convnet.explain.GradCam;
import sc.fiji.convnet.explain.OcclusionSensitivity;
import sc.fiji.convnet.explain.SaliencyMap;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Saliency for an ImageJ image: Grad-CAM through the engine, occlusion through ONNX Runtime. The map is returned
 * as a 32-bit image and, when {@code opacity > 0}, added to the image's overlay as a heat map.
 */
public final class ImageSaliency {

	private ImageSaliency() {}

	/**
	 * @param model      a model name (e.g. {@code bccd-classifier}) or path: an engine network file or an ONNX classifier
	 *                   (imported for this image's size)
	 * @param layer      the layer whose maps are weighted; empty or null for the last convolution
	 * @param classIndex the class to explain; −1 for the top class
	 */
	public static ImagePlus gradCam(ImagePlus imp, String model, String layer, int classIndex, double opacity, String normalization) throws IOException {
		return gradCam(imp, model, layer, classIndex, opacity, normalization, Progress.NONE);
	}

	/**
	 * The same with its steps shown (reading the model, which imports an ONNX model for the image's size; the forward and
	 * backward pass; drawing) and Esc checked between them (issue #19: no silent runs on large images).
	 */
	public static ImagePlus gradCam(ImagePlus imp, String model, String layer, int classIndex, double opacity, String normalization, Progress progress)
			throws IOException {
		if (imp == null) throw new IllegalArgumentException("Grad-CAM: no image");
		progress.stage("reading the model");
		var files = ModelRepository.standard().find(model);
		Network net = files.network(imp.getHeight(), imp.getWidth());
		step(progress, 1);
		GradCam.Result r = pass(imp, net, files, layer, classIndex, normalization, progress);
		progress.stage("drawing");
		ImagePlus map = show(imp, r.map(), opacity, "gradcam", files.classes());
		progress.update(3, 3);
		return map;
	}

	/** Grad-CAM's second of three steps, the forward and backward pass on {@code net}; Esc is checked after it. */
	static GradCam.Result pass(ImagePlus imp, Network net, ModelFiles files, String layer, int classIndex, String normalization, Progress progress) {
		progress.stage("forward and backward pass");
		Tensor x = SaliencyImages.tensor(imp, net.inputChannels(), files, normalization);
		GradCam.Result r = GradCam.of(net).layer(layer == null || layer.isBlank() ? null : layer.strip()).classIndex(classIndex).compute(x);
		step(progress, 2);
		return r;
	}

	/** Step {@code done} of three is over: shown, then Esc checked. */
	static void step(Progress progress, int done) {
		progress.update(done, 3);
		if (progress.cancelled()) throw new sc.fiji.convnet.predict.CancelledException();
	}

	/** Occlusion sensitivity of an ONNX classifier run by ONNX Runtime (any model it can run, no import needed). */
	public static ImagePlus occlusion(ImagePlus imp, String model, int patch, int stride, int batchSize, double baseline, int classIndex,
			boolean softmax, double opacity, String normalization, Progress progress) {
		if (imp == null) throw new IllegalArgumentException("Occlusion: no image");
		var files = ModelRepository.standard().resolve(model);
		OnnxSession session = files.session();
		int channels = session.inputs().get(0).shape().length == 4 ? (int) session.inputs().get(0).shape()[1] : -1;
		Tensor x = SaliencyImages.tensor(imp, channels, files, normalization);
		SaliencyMap m = OcclusionSensitivity.of(BatchClassifier.of(files.sessions())).patch(patch).stride(stride).batchSize(batchSize)
				.baseline(baseline).classIndex(classIndex).softmax(softmax).progress(progress).compute(x);
		return show(imp, m, opacity, "occlusion", files.classes());
	}

	/** The map as its own window titled by image, method and class ("blood_gradcam_WBC", numbered when taken), and as a heat-map overlay. */
	private static ImagePlus show(ImagePlus imp, SaliencyMap m, double opacity, String method, java.util.List<String> classes) {
		String label = SaliencyImages.describe(m, classes);
		if (opacity > 0) SaliencyImages.addOverlay(imp, m, opacity, label);
		String cls = m.classIndex() >= 0 && m.classIndex() < classes.size() ? classes.get(m.classIndex()) : "class" + m.classIndex();
		ImagePlus map = ResultWindows.name(SaliencyImages.toImagePlus(m, imp.getShortTitle() + "_" + method + "_" + cls.replaceAll("[^A-Za-z0-9_-]", "_")));
		map.setProperty("Label", label);
		return map;
	}

	/**
	 * The pointing game over a folder of Pascal VOC annotations and a folder of saliency maps
	 * ({@code <name><suffix>}, e.g. {@code BloodImage_00001_saliency.tif}), for one class.
	 */
	public static sc.fiji.convnet.explain.PointingGame.Score pointingGame(String annotations, String maps, String label, String suffix, double tolerance)
			throws IOException {
		Path dir = Path.of(maps);
		return sc.fiji.convnet.explain.PointingGame.evaluate(Path.of(annotations), label, tolerance, name -> {
			Path f = dir.resolve(name + suffix);
			if (!java.nio.file.Files.isRegularFile(f)) return null;
			ImagePlus imp;
			try {
				imp = ImageFiles.open(f.toFile());
			} catch (IOException e) {
				throw new IllegalArgumentException("Evaluate Saliency: " + f + ": " + e.getMessage(), e);
			}
			float[] v = (float[]) imp.getProcessor().convertToFloatProcessor().getPixels();
			return new SaliencyMap(v, imp.getWidth(), imp.getHeight(), -1, 0, f.getFileName().toString());
		});
	}

	/**
	 * Grad-CAM of every image of a folder written as {@code <image>_saliency.tif} (32-bit) into {@code output} through the
	 * {@link FolderRunner} (journal, atomic writes, per-image errors logged); returns the report.
	 */
	public static FolderRunner.Report gradCamFolder(String input, String output, String model, String layer, int classIndex, String normalization,
			boolean overwrite, java.util.function.Consumer<String> log, Progress progress) throws IOException {
		BatchSaliency task = new BatchSaliency(ModelRepository.standard().find(model), layer, classIndex, normalization, overwrite, log);
		return task.run(new java.io.File(input), new java.io.File(output), null, progress);
	}
}
