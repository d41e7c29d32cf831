package sc.fiji.convnet.explain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.tensor.Tensor;

/**
 * A classifier with its class names, for whole images, regions and sliding windows (Bishop §10.1, §10.2.8).
 * Inputs are 1×C×H×W tensors already in the model's value range. A model with a fixed input size (an ONNX
 * classifier with a Flatten) gets every region resized to that size; a fully convolutional one (the engine's
 * cell-type classifier) gets regions at their own size, grown with the surrounding image to its size multiple
 * (edges repeated only where the image ends).
 */
public final class ImageClassifier {

	private final BatchClassifier scores;
	private final List<String> names;
	private final int fixedHeight, fixedWidth, sizeMultiple, channels;

	public ImageClassifier(BatchClassifier scores, List<String> names, int fixedHeight, int fixedWidth, int sizeMultiple, int channels) {
		this.scores = scores;
		this.names = List.copyOf(names);
		this.fixedHeight = fixedHeight;
		this.fixedWidth = fixedWidth;
		this.sizeMultiple = Math.max(1, sizeMultiple);
		this.channels = channels;
	}

	/**
	 * The classifier of a model found by the {@link sc.fiji.convnet.model.ModelRepository}: its ONNX weights run by
	 * ONNX Runtime (the shared session), else its engine network file; class names from its description (or the
	 * bioimageio.yaml beside a bare file).
	 */
	public static ImageClassifier of(ModelFiles model) throws IOException {
		List<String> names = model.classes();
		if (model.onnx() == null) {
			Network net = Network.load(model.networkFile());
			return new ImageClassifier(BatchClassifier.of(net), names, 0, 0, net.sizeMultiple(), net.inputChannels());
		}
		long[] dims = model.session().inputs().get(0).shape();
		if (dims.length != 4) throw new IOException("Classify: " + model.onnx() + " input has " + dims.length + " axes; a classifier takes N×C×H×W images");
		int h = dims[2] > 0 ? (int) dims[2] : 0, w = dims[3] > 0 ? (int) dims[3] : 0;
		return new ImageClassifier(BatchClassifier.of(model.sessions()), names, h, w, 1, dims[1] > 0 ? (int) dims[1] : -1);
	}

	public List<String> names() { return names; }
	/** Input channels the model expects; −1 when unknown. */
	public int channels() { return channels; }

	/** The logits of a whole image (1×C×H×W). */
	public float[] logits(Tensor image) { return scores.scores(fit(image))[0]; }

	/** The k most probable classes of a whole image. */
	public List<TopClasses.Ranked> top(Tensor image, int k) { return TopClasses.of(logits(image), names, k); }

	/** The k most probable classes of the region x, y, w, h (clipped to the image). */
	public List<TopClasses.Ranked> top(Tensor image, int x, int y, int w, int h, int k) {
		if (fixedHeight <= 0 && sizeMultiple > 1) { // grow the region to the size multiple with more of the image, not with repeated edges
			int gw = Math.min(image.dim(3), (w + sizeMultiple - 1) / sizeMultiple * sizeMultiple);
			int gh = Math.min(image.dim(2), (h + sizeMultiple - 1) / sizeMultiple * sizeMultiple);
			x = Math.max(0, Math.min(image.dim(3) - gw, x - (gw - w) / 2));
			y = Math.max(0, Math.min(image.dim(2) - gh, y - (gh - h) / 2));
			w = gw;
			h = gh;
		}
		return TopClasses.of(logits(crop(image, x, y, w, h)), names, k);
	}

	/** One cell of a class map: the window at x, y and its most probable class. */
	public record Cell(int x, int y, TopClasses.Ranked top) {}

	/** The top class of every {@code window}×{@code window} window, {@code stride} apart, scored {@code batch} windows at a time. */
	public List<Cell> slidingWindow(Tensor image, int window, int stride, int batch) {
		return slidingWindow(image, window, stride, batch, sc.fiji.convnet.predict.Progress.NONE);
	}

	/** The same with progress ("classifying windows" k/n over the windows) and Esc checked between batches. */
	public List<Cell> slidingWindow(Tensor image, int window, int stride, int batch, sc.fiji.convnet.predict.Progress progress) {
		if (window < 1 || stride < 1) throw new IllegalArgumentException("Classify: window " + window + " and stride " + stride + " must be positive");
		int h = image.dim(2), w = image.dim(3);
		if (window > h || window > w) throw new IllegalArgumentException("Classify: window " + window + " is larger than the image " + w + "×" + h);
		List<int[]> at = new ArrayList<>();
		for (int y = 0; y + window <= h; y += stride) for (int x = 0; x + window <= w; x += stride) at.add(new int[] { x, y });
		List<Cell> cells = new ArrayList<>();
		progress.stage("classifying windows");
		for (int from = 0; from < at.size(); from += Math.max(1, batch)) {
			if (progress.cancelled()) throw new sc.fiji.convnet.predict.CancelledException();
			int n = Math.min(Math.max(1, batch), at.size() - from);
			List<Tensor> crops = new ArrayList<>();
			for (int i = 0; i < n; i++) crops.add(fit(crop(image, at.get(from + i)[0], at.get(from + i)[1], window, window)));
			float[][] s = scores.scores(stack(crops));
			for (int i = 0; i < n; i++) cells.add(new Cell(at.get(from + i)[0], at.get(from + i)[1], TopClasses.of(s[i], names, 1).get(0)));
			progress.update(from + n, at.size());
		}
		return cells;
	}

	/** The region, clipped to the image, as 1×C×h×w. */
	public static Tensor crop(Tensor image, int x, int y, int w, int h) {
		int H = image.dim(2), W = image.dim(3), c = image.dim(1);
		int x0 = Math.max(0, x), y0 = Math.max(0, y), x1 = Math.min(W, x + w), y1 = Math.min(H, y + h);
		if (x1 <= x0 || y1 <= y0) throw new IllegalArgumentException("Classify: region " + x + "," + y + " " + w + "×" + h + " lies outside the image " + W + "×" + H);
		int cw = x1 - x0, ch = y1 - y0;
		Tensor t = Tensor.zeros(1, c, ch, cw);
		for (int k = 0; k < c; k++)
			for (int r = 0; r < ch; r++) System.arraycopy(image.data(), (k * H + y0 + r) * W + x0, t.data(), (k * ch + r) * cw, cw);
		return t;
	}

	/** Resized to the fixed input size, or padded at the right and bottom (edge repeated) to the size multiple. */
	Tensor fit(Tensor t) {
		if (fixedHeight > 0 && fixedWidth > 0) return t.dim(2) == fixedHeight && t.dim(3) == fixedWidth ? t : Resize.bilinear(t, fixedHeight, fixedWidth);
		int h = t.dim(2), w = t.dim(3), ph = (h + sizeMultiple - 1) / sizeMultiple * sizeMultiple, pw = (w + sizeMultiple - 1) / sizeMultiple * sizeMultiple;
		if (ph == h && pw == w) return t;
		int c = t.dim(1);
		Tensor p = Tensor.zeros(1, c, ph, pw);
		for (int k = 0; k < c; k++)
			for (int y = 0; y < ph; y++)
				for (int x = 0; x < pw; x++) p.data()[(k * ph + y) * pw + x] = t.data()[(k * h + Math.min(y, h - 1)) * w + Math.min(x, w - 1)];
		return p;
	}

	private static Tensor stack(List<Tensor> crops) {
		Tensor first = crops.get(0);
		int per = first.size();
		float[] all = new float[per * crops.size()];
		for (int i = 0; i < crops.size(); i++) System.arraycopy(crops.get(i).data(), 0, all, i * per, per);
		return new Tensor(all, crops.size(), first.dim(1), first.dim(2), first.dim(3));
	}
}
