package sc.fiji.convnet.engine;

import java.util.SplittableRandom;

/** Fills a freshly allocated parameter. Seeded through the random generator it is given. */
@FunctionalInterface
public interface Initializer {

	void fill(float[] values, SplittableRandom random);

	static Initializer constant(float value) {
		return (v, r) -> java.util.Arrays.fill(v, value);
	}

	/** He (Kaiming) normal: N(0, 2/fanIn), for layers followed by ReLU. */
	static Initializer heNormal(int fanIn) {
		double std = Math.sqrt(2.0 / fanIn);
		return (v, r) -> {
			for (int i = 0; i < v.length; i++) v[i] = (float) (std * gaussian(r));
		};
	}

	/** Xavier (Glorot) uniform: U(−a, a) with a = √(6/(fanIn+fanOut)). */
	static Initializer xavierUniform(int fanIn, int fanOut) {
		double a = Math.sqrt(6.0 / (fanIn + fanOut));
		return (v, r) -> {
			for (int i = 0; i < v.length; i++) v[i] = (float) ((2 * r.nextDouble() - 1) * a);
		};
	}

	/** Uniform U(−a, a). */
	static Initializer uniform(double a) {
		return (v, r) -> {
			for (int i = 0; i < v.length; i++) v[i] = (float) ((2 * r.nextDouble() - 1) * a);
		};
	}

	/** A standard normal sample (Box–Muller; SplittableRandom has no nextGaussian in Java 17). */
	static double gaussian(SplittableRandom r) {
		double u1 = r.nextDouble(), u2 = r.nextDouble();
		return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
	}
}
