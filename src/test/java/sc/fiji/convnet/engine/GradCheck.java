package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Central finite differences against back-propagated gradients.
 * <p>
 * The probe loss is L = Σ r_i·y_i with fixed random r, so ∂L/∂y = r. The layers compute in float,
 * so each output carries a relative rounding error of about 6e-8; the difference quotient
 * (L(x+h) − L(x−h))/2h then has a rounding error of about 1e-7·Σ|r_i·y_i|/h, which for h = 1e-2
 * and our small tensors (Σ|r·y| ≲ 100) is below 1e-3; the truncation error is O(h²·f''') ≈ 1e-4
 * for these smooth (or piecewise-linear, away from kinks) functions. We therefore accept
 * |numeric − analytic| ≤ 2e-3 + 1e-2·|analytic|. A wrong backward is off by O(1).
 */
public final class GradCheck {

	public static final double H = 1e-2;

	private GradCheck() {}

	public static Tensor random(SplittableRandom r, int... shape) {
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) (2 * r.nextDouble() - 1);
		return t;
	}

	/** A shuffled grid of values 0.05 apart (shifted by {@code offset}), so that max-pooling and kinks have no near-ties within H. */
	public static Tensor distinct(SplittableRandom r, float offset, int... shape) {
		Tensor t = Tensor.zeros(shape);
		int n = t.size();
		int[] perm = new int[n];
		for (int i = 0; i < n; i++) perm[i] = i;
		for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int s = perm[i]; perm[i] = perm[j]; perm[j] = s; }
		for (int i = 0; i < n; i++) t.data()[i] = (perm[i] - n / 2f) * 0.05f + offset;
		return t;
	}

	static double probe(Tensor y, Tensor r) {
		double s = 0;
		for (int i = 0; i < y.size(); i++) s += (double) y.data()[i] * r.data()[i];
		return s;
	}

	/** Checks ∂L/∂inputs and ∂L/∂parameters of a layer in the given (recording) phase. */
	public static void check(Layer layer, Tensor[] inputs, Phase phase, long seed) {
		check(layer, inputs, phase, seed, () -> {});
	}

	/** As above; {@code beforeForward} runs before every forward pass (to replay a dropout mask). */
	public static void check(Layer layer, Tensor[] inputs, Phase phase, long seed, Runnable beforeForward) {
		SplittableRandom rnd = new SplittableRandom(seed);
		beforeForward.run();
		Tensor y = layer.forward(inputs, phase);
		Tensor r = random(rnd, y.shape());
		for (Parameter p : layer.parameters()) p.zeroGrad();
		Tensor[] dx = layer.backward(r);
		assertEquals(inputs.length, dx.length, layer.name() + ": one gradient per input");
		Supplier<Double> loss = () -> { beforeForward.run(); return probe(layer.forward(inputs, phase), r); };
		for (int i = 0; i < inputs.length; i++) {
			assertEquals(inputs[i].shapeString(), dx[i].shapeString(), layer.name() + ": gradient shape of input " + i);
			compare(layer.name() + " input " + i, inputs[i].data(), dx[i].data(), loss);
		}
		for (Parameter p : layer.parameters())
			if (p.trainable()) compare(layer.name() + " " + p.name(), p.value().data(), p.grad().data().clone(), loss);
	}

	/** Checks ∂L/∂input and ∂L/∂parameters of a whole network. */
	public static void check(Network net, Tensor input, Phase phase, long seed, int maxParamsPerTensor) {
		SplittableRandom rnd = new SplittableRandom(seed);
		Tensor y = net.forward(input, phase);
		Tensor r = random(rnd, y.shape());
		net.zeroGrad();
		Tensor dx = net.backward(r);
		Supplier<Double> loss = () -> probe(net.forward(input, phase), r);
		int checked = 0, kinks = 0;
		for (int i = 0; i < input.size(); i++, checked++)
			if (!compareAwayFromKinks("network input", input.data(), dx.data(), i, loss)) kinks++;
		for (Parameter p : net.parameters()) {
			float[] g = p.grad().data().clone(), v = p.value().data();
			int step = Math.max(1, v.length / maxParamsPerTensor);
			for (int i = 0; i < v.length; i += step, checked++)
				if (!compareAwayFromKinks(p.toString(), v, g, i, loss)) kinks++;
		}
		assertTrue(kinks <= checked / 10, kinks + " of " + checked + " checks failed (mismatch or kink); more than 10%");
	}

	/**
	 * A whole network is far more curved than one layer (batch norm over few values, stacked layers), so
	 * its quotients use h = 1e-3 (rounding error ≈ 1e-7·√(#outputs)/h ≲ 1e-3 for our probes). A step can
	 * also carry some ReLU or max-pool across its kink, where the quotient is not the derivative. Such
	 * points show up as one-sided quotients (right and left) that disagree by much more than curvature
	 * explains, or as a mismatch; at most 10% of the points may fail, where a wrong backward pass fails
	 * nearly everywhere.
	 */
	static boolean compareAwayFromKinks(String what, float[] values, float[] analytic, int i, Supplier<Double> loss) {
		double h = 1e-3;
		double centre = loss.get();
		float old = values[i];
		values[i] = (float) (old + h);
		double plus = loss.get();
		values[i] = (float) (old - h);
		double minus = loss.get();
		values[i] = old;
		double right = (plus - centre) / h, left = (centre - minus) / h, central = (plus - minus) / (2 * h);
		double tol = 2e-3 + 1e-2 * Math.abs(analytic[i]);
		if (Math.abs(right - left) > 5 * tol) return false;
		if (Math.abs(central - analytic[i]) <= tol) return true;
		// a kink closer than h on one side spoils one quotient only slightly; count it, but report it
		System.err.println("GradCheck: " + what + "[" + i + "]: numeric " + central + " vs back-propagated " + analytic[i] + " (near a kink?)");
		return false;
	}

	static void compare(String what, float[] values, float[] analytic, Supplier<Double> loss) {
		for (int i = 0; i < values.length; i++) compareOne(what, values, analytic, i, loss);
	}

	static void compareOne(String what, float[] values, float[] analytic, int i, Supplier<Double> loss) {
		float old = values[i];
		values[i] = (float) (old + H);
		double plus = loss.get();
		values[i] = (float) (old - H);
		double minus = loss.get();
		values[i] = old;
		double numeric = (plus - minus) / (2 * H);
		double tol = 2e-3 + 1e-2 * Math.abs(analytic[i]);
		assertTrue(Math.abs(numeric - analytic[i]) <= tol,
				what + "[" + i + "]: numeric " + numeric + " vs back-propagated " + analytic[i]);
	}
}
