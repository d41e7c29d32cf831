package sc.fiji.convnet.engine.layers;

import java.util.SplittableRandom;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Inverted dropout (Bishop §9.6.1): in training, each value is kept with probability 1 − p and scaled by
 * 1/(1 − p), so evaluation is the identity. Seeded: the same seed gives the same masks in the same order.
 */
public final class Dropout extends SameShapeLayer {

	private final double p;
	private final long seed;
	private SplittableRandom random;
	private float[] mask;
	private int[] shape;

	public Dropout(double p, long seed) {
		if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: probability must be in [0, 1), got " + p);
		this.p = p;
		this.seed = seed;
		this.random = new SplittableRandom(seed);
	}

	@Override public String type() { return "Dropout"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("p", p);
		o.addProperty("seed", seed);
		return o;
	}

	public static Dropout fromConfig(JsonObject o) { return new Dropout(o.get("p").getAsDouble(), o.get("seed").getAsLong()); }

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		shape = inputs[0].shape();
		if (!phase.training() || p == 0) {
			mask = null;
			return inputs[0]; // identity: layers never write into their inputs
		}
		float[] x = inputs[0].data(), y = new float[x.length], m = new float[x.length];
		float keep = (float) (1 / (1 - p));
		for (int i = 0; i < x.length; i++) {
			m[i] = random.nextDouble() < p ? 0f : keep;
			y[i] = x[i] * m[i];
		}
		mask = m;
		return new Tensor(y, shape);
	}

	/** Replays the masks from the start (for reproducible experiments). */
	public void reseed() { random = new SplittableRandom(seed); }

	/** The scale applied to each value in the last training pass (0 or 1/(1−p)); null after evaluation. */
	public float[] mask() { return mask; }

	@Override
	public Tensor[] backward(Tensor dy) {
		if (shape == null) throw noCache();
		if (mask == null) return new Tensor[] { dy };
		float[] d = dy.data(), dx = new float[d.length];
		for (int i = 0; i < d.length; i++) dx[i] = d[i] * mask[i];
		return new Tensor[] { new Tensor(dx, shape) };
	}

	@Override public void clearCache() { mask = null; shape = null; }
}
