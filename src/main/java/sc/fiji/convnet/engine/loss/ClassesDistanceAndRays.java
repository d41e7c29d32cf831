package sc.fiji.convnet.engine.loss;

import sc.fiji.convnet.tensor.Tensor;

/**
 * {@link ClassesAndDistance} with {@code R} more regression channels, the star-convex ray lengths: logits
 * N×(K+1+R)×H×W, targets N×(2+R)×H×W (class index, distance in [0, 1], then the R lengths). The lengths are scored by
 * their absolute error, weighted at each pixel by its target distance (so a nucleus's centre, where its outline is
 * surest, counts most, and background only through a small weight that keeps its lengths near 0), averaged over the
 * weights and rays and multiplied by {@code rayWeight}.
 */
public final class ClassesDistanceAndRays implements Loss {

	/** Weight of a background pixel's lengths (StarDist's background regularisation). */
	static final float BACKGROUND_WEIGHT = 1e-3f;

	private final ClassesAndDistance first;
	private final int rays;
	private final double rayWeight;
	private Tensor grad;

	public ClassesDistanceAndRays(float[] classWeights, double distanceWeight, int rays, double rayWeight) {
		if (rays < 1) throw new IllegalArgumentException(name() + ": rays must be positive, got " + rays);
		if (!(rayWeight >= 0) || Double.isInfinite(rayWeight)) throw new IllegalArgumentException(name() + ": ray weight must be finite and ≥ 0, got " + rayWeight);
		this.first = new ClassesAndDistance(classWeights, distanceWeight);
		this.rays = rays;
		this.rayWeight = rayWeight;
	}

	@Override public String name() { return "ClassesDistanceAndRays"; }

	@Override
	public double forward(Tensor prediction, Tensor target) {
		int[] s = prediction.shape();
		if (s.length != 4 || s[1] < 2 + rays) throw new IllegalArgumentException(name() + ": logits must be N×(K+1+" + rays + ")×H×W, got " + prediction.shapeString());
		int n = s[0], c = s[1], head = c - rays, plane = s[2] * s[3];
		if (target.size() != (long) n * (2 + rays) * plane)
			throw new IllegalArgumentException(name() + ": target " + target.shapeString() + " does not match logits " + prediction.shapeString()
					+ " (expected " + n + "×" + (2 + rays) + "×" + s[2] + "×" + s[3] + ")");
		float[] x = prediction.data(), t = target.data();
		float[] headLogits = new float[n * head * plane], headTargets = new float[n * 2 * plane];
		for (int i = 0; i < n; i++) {
			System.arraycopy(x, i * c * plane, headLogits, i * head * plane, head * plane);
			System.arraycopy(t, i * (2 + rays) * plane, headTargets, i * 2 * plane, 2 * plane);
		}
		double loss = first.forward(new Tensor(headLogits, n, head, s[2], s[3]), new Tensor(headTargets, n, 2, s[2], s[3]));
		float[] gh = first.gradient().data(), g = new float[x.length];
		for (int i = 0; i < n; i++) System.arraycopy(gh, i * head * plane, g, i * c * plane, head * plane);
		double weights = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < plane; j++) weights += weight(t[(i * (2 + rays) + 1) * plane + j]);
		double scale = rayWeight / (rays * weights), sum = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < plane; j++) {
				float w = weight(t[(i * (2 + rays) + 1) * plane + j]);
				for (int k = 0; k < rays; k++) {
					int at = (i * c + head + k) * plane + j;
					float diff = x[at] - t[(i * (2 + rays) + 2 + k) * plane + j];
					sum += w * Math.abs(diff);
					g[at] = (float) (scale * w * Math.signum(diff));
				}
			}
		grad = new Tensor(g, s);
		return loss + scale * sum;
	}

	private static float weight(float distance) { return distance > 0 ? distance : BACKGROUND_WEIGHT; }

	@Override
	public Tensor gradient() {
		if (grad == null) throw new IllegalStateException(name() + ": gradient() before forward()");
		return grad;
	}
}
