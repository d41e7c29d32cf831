package sc.fiji.convnet.explain;

import sc.fiji.convnet.tensor.Tensor;

/** Class scores of a classifier's output (N×K, N×K×1×1 or any shape with N·K values). */
public final class ClassScores {

	private ClassScores() {}

	/** The K scores of sample {@code n}. */
	public static float[] of(Tensor output, int n) {
		int samples = output.dim(0);
		if (output.size() % samples != 0 || n < 0 || n >= samples)
			throw new IllegalArgumentException("ClassScores: no sample " + n + " in output " + output.shapeString());
		int k = output.size() / samples;
		if (output.rank() == 4 && output.dim(2) * output.dim(3) != 1)
			throw new IllegalArgumentException("ClassScores: expected one score per class, got a spatial output " + output.shapeString() + " (a segmentation network?)");
		float[] s = new float[k];
		System.arraycopy(output.data(), n * k, s, 0, k);
		return s;
	}

	public static int argmax(float[] s) {
		int best = 0;
		for (int i = 1; i < s.length; i++) if (s[i] > s[best]) best = i;
		return best;
	}

	/** Softmax in double precision with the maximum subtracted. */
	public static double[] softmax(float[] logits) {
		double max = Double.NEGATIVE_INFINITY;
		for (float v : logits) max = Math.max(max, v);
		double[] p = new double[logits.length];
		double sum = 0;
		for (int i = 0; i < p.length; i++) sum += p[i] = Math.exp(logits[i] - max);
		for (int i = 0; i < p.length; i++) p[i] /= sum;
		return p;
	}

	static void checkClass(int c, int classes, String who) {
		if (c < 0 || c >= classes) throw new IllegalArgumentException(who + ": class " + c + " does not exist; the network has " + classes + " classes (0.." + (classes - 1) + ")");
	}
}
