package sc.fiji.convnet.explain;

import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Occlusion sensitivity (Zeiler and Fergus 2014): a square patch of a baseline value slides over the image,
 * and each pixel gets the mean drop of the class score over the patches that cover it. Needs only forward
 * passes, so it works for any model ONNX Runtime can run; occluded copies are sent in batches.
 * <pre>
 * SaliencyMap m = OcclusionSensitivity.of(BatchClassifier.of(session)).patch(16).stride(8).compute(image);
 * </pre>
 * Patches start at 0, stride apart, and a last one is added flush with the far border, so every pixel is
 * covered.
 */
public final class OcclusionSensitivity {

	private final BatchClassifier classifier;
	private int patch = 8, stride = 4, batchSize = 16, classIndex = -1;
	private double baseline = Double.NaN;
	private boolean softmax;
	private Progress progress = Progress.NONE;

	private OcclusionSensitivity(BatchClassifier classifier) { this.classifier = classifier; }

	public static OcclusionSensitivity of(BatchClassifier classifier) { return new OcclusionSensitivity(classifier); }

	public OcclusionSensitivity patch(int size) { positive(size, "patch"); patch = size; return this; }
	public OcclusionSensitivity stride(int s) { positive(s, "stride"); stride = s; return this; }
	/** How many occluded images go to the model at once. */
	public OcclusionSensitivity batchSize(int n) { positive(n, "batch size"); batchSize = n; return this; }
	/** The value painted into the patch; NaN (the default) means the image's mean. */
	public OcclusionSensitivity baseline(double v) { baseline = v; return this; }
	/** The class to explain; −1 for the top class of the unchanged image. */
	public OcclusionSensitivity classIndex(int c) { classIndex = c; return this; }
	/** Compare softmax probabilities instead of the model's raw outputs (for models that give logits). */
	public OcclusionSensitivity softmax(boolean s) { softmax = s; return this; }
	public OcclusionSensitivity progress(Progress p) { progress = p == null ? Progress.NONE : p; return this; }

	private static void positive(int v, String what) {
		if (v <= 0) throw new IllegalArgumentException("OcclusionSensitivity: " + what + " must be positive, got " + v);
	}

	/** Patch origins along an axis of length {@code size}: 0, s, 2s, … and one flush with the end. */
	static int[] origins(int size, int patch, int stride) {
		int p = Math.min(patch, size);
		int last = size - p;
		int n = last / stride + 1 + (last % stride == 0 ? 0 : 1);
		int[] o = new int[n];
		for (int i = 0; i < n; i++) o[i] = Math.min(i * stride, last);
		return o;
	}

	public SaliencyMap compute(Tensor image) {
		if (image.rank() != 4 || image.dim(0) != 1)
			throw new IllegalArgumentException("OcclusionSensitivity: expects one image 1×C×H×W, got " + image.shapeString());
		int channels = image.dim(1), h = image.dim(2), w = image.dim(3), plane = h * w;
		float[] base = score(classifier.scores(image)[0]);
		int c = classIndex < 0 ? ClassScores.argmax(base) : classIndex;
		ClassScores.checkClass(c, base.length, "OcclusionSensitivity");
		float fill = (float) (Double.isNaN(baseline) ? mean(image.data()) : baseline);
		int ph = Math.min(patch, h), pw = Math.min(patch, w);
		int[] ys = origins(h, patch, stride), xs = origins(w, patch, stride);
		int total = ys.length * xs.length;
		double[] sum = new double[plane];
		int[] count = new int[plane];
		int done = 0;
		while (done < total) {
			if (progress.cancelled()) throw new CancelledException();
			int n = Math.min(batchSize, total - done);
			Tensor batch = Tensor.zeros(n, channels, h, w);
			for (int b = 0; b < n; b++) {
				System.arraycopy(image.data(), 0, batch.data(), b * channels * plane, channels * plane);
				int y0 = ys[(done + b) / xs.length], x0 = xs[(done + b) % xs.length];
				for (int ch = 0; ch < channels; ch++)
					for (int y = y0; y < y0 + ph; y++) {
						int off = (b * channels + ch) * plane + y * w;
						java.util.Arrays.fill(batch.data(), off + x0, off + x0 + pw, fill);
					}
			}
			float[][] scores = classifier.scores(batch);
			if (scores.length != n) throw new IllegalStateException("OcclusionSensitivity: the model gave " + scores.length + " results for a batch of " + n);
			for (int b = 0; b < n; b++) {
				double drop = base[c] - score(scores[b])[c];
				int y0 = ys[(done + b) / xs.length], x0 = xs[(done + b) % xs.length];
				for (int y = y0; y < y0 + ph; y++)
					for (int x = x0; x < x0 + pw; x++) {
						sum[y * w + x] += drop;
						count[y * w + x]++;
					}
			}
			done += n;
			progress.update(done, total);
		}
		float[] map = new float[plane];
		for (int i = 0; i < plane; i++) map[i] = (float) (sum[i] / count[i]);
		return new SaliencyMap(map, w, h, c, base[c], "occlusion " + patch + "×" + patch + "/" + stride);
	}

	private float[] score(float[] raw) {
		if (!softmax) return raw;
		double[] p = ClassScores.softmax(raw);
		float[] f = new float[p.length];
		for (int i = 0; i < p.length; i++) f[i] = (float) p[i];
		return f;
	}

	private static double mean(float[] v) {
		double s = 0;
		for (float x : v) s += x;
		return s / v.length;
	}
}
