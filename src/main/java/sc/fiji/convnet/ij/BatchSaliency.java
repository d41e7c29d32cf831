package sc.fiji.convnet.ij;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.io.FileSaver;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.GradCam;
import sc.fiji.convnet.explain.SaliencyMap;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.tensor.Tensor;

/** Grad-CAM of every image of a folder through the {@link FolderRunner}: {@code <base>_saliency.tif} (32-bit, the input's size). */
public final class BatchSaliency implements FolderRunner.Task {

	public static final String SUFFIX = "_saliency.tif";

	private final ModelFiles model;
	private final String layer, normalization;
	private final int classIndex;
	private final Map<String, Network> networks = new HashMap<>(); // one import per image size

	public BatchSaliency(ModelFiles model, String layer, int classIndex, String normalization) {
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
		String size = imp.getWidth() + "x" + imp.getHeight();
		Network net = networks.get(size);
		if (net == null) networks.put(size, net = model.network(imp.getHeight(), imp.getWidth()));
		Tensor x = SaliencyImages.tensor(imp, net.inputChannels(), model, normalization);
		SaliencyMap m = GradCam.of(net).layer(layer).classIndex(classIndex).compute(x).map();
		byte[] tiff = new FileSaver(SaliencyImages.toImagePlus(m, item.name())).serialize();
		if (tiff == null) throw new IOException("the map could not be encoded as TIFF");
		item.write(SUFFIX, stream -> stream.write(tiff));
	}
}
