package sc.fiji.convnet.ij;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ij.ImagePlus;
import ij.io.FileSaver;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.SaliencyMap;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.predict.Progress;

/**
 * Grad-CAM of every image of a folder through the {@link FolderRunner}: {@code <base>_saliency.tif} (32-bit, the input's
 * size). Each image shows three steps: reading the model, the forward and backward pass, writing.
 */
public final class BatchSaliency extends ImageFolderTask<BatchSaliency> {

	public static final String SUFFIX = "_saliency.tif";

	private final ModelFiles model;
	private final String layer, normalization;
	private final int classIndex;
	private final Map<String, Network> networks = new HashMap<>(); // one import per image size

	/** A task for a runner that brings its own log and overwrite rule (e.g. the Spark job). */
	public BatchSaliency(ModelFiles model, String layer, int classIndex, String normalization) {
		this(model, layer, classIndex, normalization, false, line -> {});
	}

	/** A task that {@link #run runs} over a folder itself, keeping existing maps unless {@code overwrite}. */
	public BatchSaliency(ModelFiles model, String layer, int classIndex, String normalization, boolean overwrite, Consumer<String> log) {
		super(overwrite, log);
		this.model = model;
		this.layer = layer == null || layer.isBlank() ? null : layer.strip();
		this.classIndex = classIndex;
		this.normalization = normalization;
	}

	@Override public String name() { return "saliency"; }
	@Override public String doneWord() { return "maps written"; }
	@Override public List<String> outputSuffixes() { return List.of(SUFFIX); }

	@Override
	public String settings() {
		return "model=" + model.name() + "@sha256:" + model.digest() + ";layer=" + layer + ";class=" + classIndex + ";normalization=" + normalization;
	}

	@Override
	public void process(ImagePlus imp, FolderRunner.Item item) throws Exception {
		Progress steps = steps(item);
		steps.stage("reading the model");
		String size = imp.getWidth() + "x" + imp.getHeight();
		Network net = networks.get(size);
		if (net == null) networks.put(size, net = model.network(imp.getHeight(), imp.getWidth()));
		ImageSaliency.step(steps, 1);
		SaliencyMap m = ImageSaliency.pass(imp, net, model, layer, classIndex, normalization, steps).map();
		steps.stage("writing");
		byte[] tiff = new FileSaver(SaliencyImages.toImagePlus(m, item.name())).serialize();
		if (tiff == null) throw new IOException("the map could not be encoded as TIFF");
		item.write(SUFFIX, stream -> stream.write(tiff));
		steps.update(3, 3);
	}
}
