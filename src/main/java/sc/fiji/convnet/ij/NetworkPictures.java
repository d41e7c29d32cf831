package sc.fiji.convnet.ij;

import java.io.IOException;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.ActivationMaximization;
import sc.fiji.convnet.explain.DeepDream;
import sc.fiji.convnet.explain.Fgsm;
import sc.fiji.convnet.explain.Montage;
import sc.fiji.convnet.explain.NetworkViews;
import sc.fiji.convnet.explain.Nodes;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

/** What a network sees and does to images, as ImageJ images: filters, feature maps, FGSM, DeepDream, activation maximization. */
public final class NetworkPictures {

	private NetworkPictures() {}

	/** A model (name or path) for an image size; ONNX models without a size are imported for their declared shape. */
	static Network load(String model, int height, int width) throws IOException {
		return ModelRepository.standard().find(model).network(height, width);
	}

	/**
	 * The network when its size does not matter (filters, layer names): at the size the model declares, or, for an
	 * ONNX model with free height and width (the shipped classifier), imported for 224×224.
	 */
	static Network anySize(String model) throws IOException {
		ModelFiles files = ModelRepository.standard().find(model);
		try {
			return files.network(-1, -1);
		} catch (RuntimeException freeSize) {
			return files.network(224, 224);
		}
	}

	/** "WBC (class 2)" where the model names its classes, else "class 2". */
	static String classLabel(java.util.List<String> names, int k) {
		return k >= 0 && k < names.size() ? names.get(k) + " (class " + k + ")" : "class " + k;
	}

	/** A 1×C×H×W tensor as a 32-bit image: one plane, or a stack of C. */
	public static ImagePlus toImagePlus(String title, Tensor t) {
		int c = t.dim(1), h = t.dim(2), w = t.dim(3);
		ImageStack stack = new ImageStack(w, h);
		for (int k = 0; k < c; k++) {
			float[] plane = new float[w * h];
			System.arraycopy(t.data(), k * w * h, plane, 0, w * h);
			stack.addSlice("channel " + k, new FloatProcessor(w, h, plane));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.resetDisplayRange();
		return imp;
	}

	public static ImagePlus toImagePlus(String title, Montage m) {
		ImagePlus imp = new ImagePlus(title, new FloatProcessor(m.width(), m.height(), m.pixels()));
		imp.resetDisplayRange();
		return imp;
	}

	/**
	 * A picture the network made from an image, in the image's own kind: an RGB image back as RGB (the three
	 * channels stretched together from their joint minimum–maximum to 0–255, so colours keep their balance),
	 * anything else as {@link #toImagePlus(String, Tensor)}.
	 */
	static ImagePlus likeInput(ImagePlus input, String title, Tensor t) {
		if (input.getType() != ImagePlus.COLOR_RGB || t.dim(1) != 3) return toImagePlus(title, t);
		int h = t.dim(2), w = t.dim(3), plane = w * h;
		float[] v = t.data();
		float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
		for (int i = 0; i < 3 * plane; i++) { min = Math.min(min, v[i]); max = Math.max(max, v[i]); }
		double scale = max > min ? 255.0 / (max - min) : 0;
		byte[][] rgb = new byte[3][plane];
		for (int c = 0; c < 3; c++)
			for (int i = 0; i < plane; i++) rgb[c][i] = (byte) Math.round((v[c * plane + i] - min) * scale);
		ij.process.ColorProcessor cp = new ij.process.ColorProcessor(w, h);
		cp.setRGB(rgb[0], rgb[1], rgb[2]);
		ImagePlus imp = new ImagePlus(title, cp);
		imp.setCalibration(input.getCalibration().copy());
		return imp;
	}

	/**
	 * Blue (negative) – white (0) – red (positive), for signed values such as filter weights; index 0 is black, for
	 * NaN (ImageJ draws NaN with the first entry), so the gaps of a montage stand out from weights of 0.
	 */
	static ij.process.LUT divergingLut() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 0; i < 256; i++) {
			double t = (i - 127.5) / 127.5; // −1 … 1
			int fade = (int) Math.round(255 * (1 - Math.abs(t)));
			r[i] = (byte) (t < 0 ? fade : 255);
			g[i] = (byte) fade;
			b[i] = (byte) (t > 0 ? fade : 255);
		}
		r[0] = g[0] = b[0] = 0;
		return new ij.process.LUT(r, g, b);
	}

	/**
	 * The first convolution's kernels as a montage: {@code columns} 0 lays the filters out in a square-ish grid, each
	 * filter's input channels side by side; {@code scale} 0 zooms the montage to about 400 px wide.
	 */
	public static ImagePlus firstLayerFilters(String model, int columns, int scale) throws IOException {
		Network net = anySize(model);
		int[] shape = NetworkViews.firstConvolution(net).weight().shape(); // C_out × C_in × kh × kw
		int cout = shape[0], cin = shape[1];
		// automatic: each filter's input channels side by side, the filters in a square-ish grid
		int cols = columns > 0 ? columns : cin * Montage.squareColumns(cout);
		// zoom 0: the filters' pixels enlarged until the montage (1-pixel gaps between tiles) is at least 400 px wide
		int pixels = Math.max(1, cols * shape[3]), zoom = scale > 0 ? scale : Math.max(1, (int) Math.ceil((400.0 - (cols - 1)) / pixels));
		ImagePlus imp = toImagePlus("filters of " + Path.of(model).getFileName(), NetworkViews.firstLayerFilters(net, cols, zoom));
		float[] v = (float[]) imp.getProcessor().getPixels();
		double m = 0;
		for (float f : v) if (!Float.isNaN(f)) m = Math.max(m, Math.abs(f));
		imp.getProcessor().setLut(divergingLut());
		double range = 1.01 * Math.max(m, 1e-12); // a little wider, so the most negative weight is blue, not the black of index 0
		imp.setDisplayRange(-range, range); // 0 is white; the NaN gaps between tiles black
		imp.setProperty("Info", cout + " filters of " + cin + " channel" + (cin == 1 ? "" : "s") + ", " + shape[2] + "×" + shape[3]
				+ "; each row holds " + cols / Math.max(1, cin) + " filters, their channels side by side; blue negative, red positive");
		return imp;
	}

	/** The activations of one layer for the image, a slice per channel. */
	public static ImagePlus featureMaps(ImagePlus imp, String model, String layer, String normalization) throws IOException {
		return featureMaps(imp, model, layer, normalization, Progress.NONE);
	}

	/** The same with its steps shown (reading the model, the forward pass), Esc checked between them. */
	public static ImagePlus featureMaps(ImagePlus imp, String model, String layer, String normalization, Progress progress) throws IOException {
		Network net = read(imp, model, progress);
		ModelFiles files = ModelRepository.standard().find(model);
		Tensor x = SaliencyImages.tensor(imp, net.inputChannels(), files, normalization);
		String name = sc.fiji.convnet.explain.Nodes.layerName(net, layer);
		progress.stage("forward pass");
		ImagePlus out = toImagePlus(imp.getShortTitle() + "_" + name, NetworkViews.featureMaps(net, name, x));
		progress.update(2, 2);
		return out;
	}

	/** Step one of two: the model read (an ONNX model imported for the image's size); then Esc is checked. */
	private static Network read(ImagePlus imp, String model, Progress progress) throws IOException {
		progress.stage("reading the model");
		Network net = ModelRepository.standard().find(model).network(imp.getHeight(), imp.getWidth());
		progress.update(1, 2);
		if (progress.cancelled()) throw new sc.fiji.convnet.predict.CancelledException();
		return net;
	}

	/** FGSM: the adversarial image and its perturbation, and the class probabilities before and after. */
	public record FgsmOutput(ImagePlus adversarial, ImagePlus perturbation, ResultsTable probabilities, Fgsm.Result result) {}

	public static FgsmOutput fgsm(ImagePlus imp, String model, double epsilon, int label, String normalization) throws IOException {
		return fgsm(imp, model, epsilon, label, normalization, Progress.NONE);
	}

	/** The same with its steps shown (reading the model, the forward and backward pass), Esc checked between them. */
	public static FgsmOutput fgsm(ImagePlus imp, String model, double epsilon, int label, String normalization, Progress progress) throws IOException {
		ModelFiles files = ModelRepository.standard().find(model);
		Network net = read(imp, model, progress);
		Tensor x = SaliencyImages.tensor(imp, net.inputChannels(), files, normalization);
		progress.stage("forward and backward pass");
		Fgsm.Result r = Fgsm.of(net).epsilon(epsilon).label(label).attack(x);
		progress.update(2, 2);
		ResultsTable t = new ResultsTable();
		java.util.List<String> names = files.classes();
		for (int k = 0; k < r.before().length; k++) {
			t.incrementCounter();
			t.addValue("Class", k);
			if (!names.isEmpty()) t.addValue("Name", k < names.size() ? names.get(k) : "");
			t.addValue("Before", r.before()[k]);
			t.addValue("After", r.after()[k]);
		}
		return new FgsmOutput(likeInput(imp, imp.getShortTitle() + "_adversarial", r.adversarial()), toImagePlus(imp.getShortTitle() + "_perturbation", r.perturbation()), t, r);
	}

	public static ImagePlus deepDream(ImagePlus imp, String model, String layer, int iterations, double step, int octaves, double octaveScale, double smoothing,
			String normalization, Progress progress) throws IOException {
		ModelFiles files = ModelRepository.standard().find(model);
		Network net = files.network(imp.getHeight(), imp.getWidth());
		Tensor x = SaliencyImages.tensor(imp, net.inputChannels(), files, normalization);
		Tensor d = DeepDream.of(net).layer(layer == null || layer.isBlank() ? null : layer.strip()).iterations(iterations).step(step).octaves(octaves)
				.octaveScale(octaveScale).smoothing(smoothing).progress(progress).dream(x);
		return likeInput(imp, imp.getShortTitle() + "_dream", d);
	}

	public static ImagePlus activationMaximization(String model, int classIndex, int height, int width, int iterations, double learningRate, double l2,
			int blurEvery, double blurSigma, double clipFraction, Progress progress) throws IOException {
		ModelFiles files = ModelRepository.standard().find(model);
		Network net = files.network(height, width);
		String cls = classLabel(files.classes(), classIndex);
		ActivationMaximization.Result r = ActivationMaximization.of(net).classIndex(classIndex).iterations(iterations).learningRate(learningRate).l2(l2)
				.blur(blurEvery, blurSigma).clipSmallPixels(clipFraction).progress(progress).maximize(height, width);
		ImagePlus imp = toImagePlus(cls + " maximized", r.image());
		imp.setProperty("Info", cls + " score " + r.scoreBefore() + " -> " + r.scoreAfter() + "; layers " + Nodes.names(net));
		return imp;
	}

	/**
	 * The top-k patches of a folder's images (files ending in {@code .tif, .tiff, .png, .jpg}) that most activate a
	 * channel of a layer, as a montage (best first); {@code size} 0: the layer's receptive field.
	 */
	public static ImagePlus topPatches(String folder, String model, String layer, int channel, int k, int size, String normalization, Progress progress)
			throws IOException {
		java.util.List<Path> files;
		try (var s = java.nio.file.Files.list(Path.of(folder))) {
			files = s.filter(f -> f.getFileName().toString().toLowerCase().matches(".*\\.(tif|tiff|png|jpg|jpeg)$")).sorted().toList();
		}
		if (files.isEmpty()) throw new IOException("Top Patches: no images (.tif, .png, .jpg) in " + folder);
		java.util.List<Tensor> images = new java.util.ArrayList<>();
		ModelFiles modelFiles = ModelRepository.standard().find(model);
		Network net = null;
		for (int i = 0; i < files.size(); i++) {
			ImagePlus imp;
			try {
				imp = ImageFiles.open(files.get(i).toFile());
			} catch (IOException e) {
				throw new IOException("Top Patches: " + files.get(i) + ": " + e.getMessage(), e);
			}
			if (net == null) net = modelFiles.network(imp.getHeight(), imp.getWidth());
			images.add(SaliencyImages.tensor(imp, net.inputChannels(), modelFiles, normalization));
			progress.update(i + 1, files.size());
		}
		layer = Nodes.layerName(net, layer);
		var patches = sc.fiji.convnet.explain.TopPatches.find(net, layer, channel, images, k, size, true);
		ImagePlus out = toImagePlus("top " + k + " of " + layer + " channel " + channel, sc.fiji.convnet.explain.TopPatches.montage(patches, 0, 4));
		StringBuilder info = new StringBuilder();
		for (var p : patches) info.append(files.get(p.image()).getFileName()).append(" at ").append(p.x()).append(",").append(p.y()).append(": ").append(p.activation()).append('\n');
		out.setProperty("Info", info.toString());
		return out;
	}

	/** The weight of the image's own channels (their Gram matrix: the colours) among the default style layers. */
	static final double COLOUR_WEIGHT = 100;

	/**
	 * Style transfer (eqs. 10.13–10.17) with a smoothness term γ; {@code styleLayers} as "name:λ, name:λ" ("input" for
	 * the image's own channels). The result is RGB when either image is and the network reads three channels.
	 */
	public static ImagePlus styleTransfer(ImagePlus content, ImagePlus style, String model, String contentLayer, String styleLayers, double alpha, double beta,
			double smoothness, int iterations, double learningRate, boolean fromNoise, String normalization, Progress progress) throws IOException {
		ModelFiles files = ModelRepository.standard().find(model);
		Network net = files.network(content.getHeight(), content.getWidth());
		// empty content layer: the last convolution; no style layers: the image's colours and every convolution before it
		// (weight 1 each): the shallow layers of a small network alone leave the colours free, and the result drifts to
		// colours neither image has
		String contentName = Nodes.layerName(net, contentLayer);
		sc.fiji.convnet.explain.StyleTransfer st = sc.fiji.convnet.explain.StyleTransfer.of(net).contentLayer(contentName).weights(alpha, beta)
				.smoothness(smoothness).iterations(iterations).learningRate(learningRate).progress(progress);
		boolean anyStyle = false;
		for (String part : styleLayers == null ? new String[0] : styleLayers.split(",")) {
			if (part.isBlank()) continue;
			String[] nl = part.strip().split(":");
			st.styleLayer(nl[0].strip(), nl.length > 1 ? Double.parseDouble(nl[1].strip()) : 1);
			anyStyle = true;
		}
		if (!anyStyle) {
			int contentNode = Nodes.byName(net, contentName);
			st.styleLayer("input", COLOUR_WEIGHT);
			for (int k : Nodes.rectifiedConvolutions(net)) if (k < contentNode) st.styleLayer(Nodes.name(net, k), 1);
		}
		if (fromNoise) st.fromNoise(1);
		Tensor c = SaliencyImages.tensor(content, net.inputChannels(), files, normalization);
		Tensor s = SaliencyImages.tensor(style, net.inputChannels(), files, normalization);
		var r = st.transfer(c, s);
		// a grey content in the style of a colour image comes out in colour
		ImagePlus out = likeInput(style.getType() == ImagePlus.COLOR_RGB ? style : content, content.getShortTitle() + "_styled", r.image());
		out.setCalibration(content.getCalibration().copy());
		out.setProperty("Info", "loss " + r.losses()[0] + " -> " + r.losses()[r.losses().length - 1] + " (content " + r.last().content() + ", style " + r.last().style() + ")");
		return out;
	}
}
