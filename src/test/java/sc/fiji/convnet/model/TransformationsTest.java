package sc.fiji.convnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.model.transform.Binarize;
import sc.fiji.convnet.model.transform.Clip;
import sc.fiji.convnet.model.transform.EnsureDtype;
import sc.fiji.convnet.model.transform.FixedZeroMeanUnitVariance;
import sc.fiji.convnet.model.transform.ScaleLinear;
import sc.fiji.convnet.model.transform.ScaleRange;
import sc.fiji.convnet.model.transform.Sigmoid;
import sc.fiji.convnet.model.transform.Transformation;
import sc.fiji.convnet.model.transform.Transformations;
import sc.fiji.convnet.model.transform.ZeroMeanUnitVariance;
import sc.fiji.convnet.tensor.Tensor;

/** Each transformation against a plain double-precision computation written out index by index. */
class TransformationsTest {

	static final List<String> BCYX = List.of("batch", "channel", "y", "x");

	static Tensor random(long seed, int... shape) {
		Random r = new Random(seed);
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) (r.nextGaussian() * 3 + 5);
		return t;
	}

	@Test
	void zeroMeanUnitVarianceOverXYIsPerSampleAndChannel() {
		Tensor t = random(1, 2, 3, 5, 7);
		Tensor out = new ZeroMeanUnitVariance(List.of("x", "y"), 1e-6).apply(t, BCYX);
		for (int n = 0; n < 2; n++)
			for (int c = 0; c < 3; c++) {
				double sum = 0, sq = 0;
				for (int y = 0; y < 5; y++) for (int x = 0; x < 7; x++) sum += t.get(n, c, y, x);
				double mean = sum / 35;
				for (int y = 0; y < 5; y++) for (int x = 0; x < 7; x++) sq += Math.pow(t.get(n, c, y, x) - mean, 2);
				double std = Math.sqrt(sq / 35);
				for (int y = 0; y < 5; y++) for (int x = 0; x < 7; x++)
					assertEquals((t.get(n, c, y, x) - mean) / (std + 1e-6), out.get(n, c, y, x), 1e-5);
			}
	}

	@Test
	void zeroMeanUnitVarianceOverAllAxesWhenNoneGiven() {
		Tensor t = random(2, 1, 2, 3, 3);
		Tensor out = new ZeroMeanUnitVariance(null, 0).apply(t, BCYX);
		double sum = 0, sq = 0;
		for (float v : out.data()) { sum += v; sq += v * v; }
		assertEquals(0, sum / out.size(), 1e-5);
		assertEquals(1, sq / out.size(), 1e-4);
	}

	@Test
	void scaleRangeUsesLinearPercentiles() {
		// a permutation of 0..100 (37 is coprime to 101): the p-th percentile is p
		Tensor t = Tensor.zeros(1, 1, 1, 101);
		for (int i = 0; i < 101; i++) t.data()[i] = (i * 37) % 101;
		Tensor out = new ScaleRange(List.of("x", "y"), 10, 90, 0).apply(t, BCYX);
		for (int i = 0; i < 101; i++) assertEquals((t.data()[i] - 10) / 80.0, out.data()[i], 1e-6);
		// between ranks: 4 values 0, 10, 20, 30; 50th percentile = 15, 25th = 7.5
		Tensor four = new Tensor(new float[] { 30, 0, 20, 10 }, 1, 1, 1, 4);
		Tensor s = new ScaleRange(null, 25, 50, 0).apply(four, BCYX);
		assertEquals((30 - 7.5) / 7.5, s.data()[0], 1e-6);
	}

	@Test
	void perChannelParametersFollowTheChannelAxis() {
		Tensor t = random(4, 1, 2, 2, 2);
		Tensor lin = new ScaleLinear(new double[] { 2, -1 }, new double[] { 0.5 }, "channel").apply(t, BCYX);
		Tensor fz = new FixedZeroMeanUnitVariance(new double[] { 1, 2 }, new double[] { 3, 4 }, "channel", 0).apply(t, BCYX);
		Tensor bin = new Binarize(new double[] { 5, 100 }, "channel").apply(t, BCYX);
		for (int c = 0; c < 2; c++)
			for (int y = 0; y < 2; y++)
				for (int x = 0; x < 2; x++) {
					double v = t.get(0, c, y, x);
					assertEquals((c == 0 ? 2 : -1) * v + 0.5, lin.get(0, c, y, x), 1e-5);
					assertEquals((v - (c + 1)) / (c + 3), fz.get(0, c, y, x), 1e-5);
					assertEquals(v > (c == 0 ? 5 : 100) ? 1 : 0, bin.get(0, c, y, x));
				}
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> new ScaleLinear(new double[] { 1, 2, 3 }, new double[] { 0 }, "channel").apply(t, BCYX));
		assertTrue(e.getMessage().contains("axis 'channel' of size 2"), e.getMessage());
	}

	@Test
	void elementwiseSteps() {
		Tensor t = new Tensor(new float[] { -300.7f, -1.5f, 0, 0.4f, 2.6f, 300 }, 1, 1, 1, 6);
		assertArray(new float[] { -1, -1, 0, 0.4f, 1, 1 }, new Clip(-1, 1).apply(t, BCYX));
		assertArray(new float[] { 0, 0, 0, 0, 2, 255 }, new EnsureDtype("uint8").apply(t, BCYX));
		assertArray(new float[] { -128, -1, 0, 0, 2, 127 }, new EnsureDtype("int8").apply(t, BCYX));
		assertArray(t.data(), new EnsureDtype("float32").apply(t, BCYX));
		Tensor s = new Sigmoid().apply(t, BCYX);
		for (int i = 0; i < 6; i++) assertEquals(1 / (1 + Math.exp(-t.data()[i])), s.data()[i], 1e-7);
		// the input is left alone
		assertEquals(-300.7f, t.data()[0]);
	}

	@Test
	void factoryReadsKwargsAndRefusesUnknownSteps() {
		Transformation z = Transformations.create("zero_mean_unit_variance", Map.of("mode", "per_sample", "axes", "yx"));
		assertEquals(List.of("y", "x"), ((ZeroMeanUnitVariance) z).over());
		Transformation f = Transformations.create("zero_mean_unit_variance", Map.of("mode", "fixed", "mean", 3, "std", 2));
		Tensor t = new Tensor(new float[] { 7 }, 1, 1, 1, 1);
		assertEquals(2, f.apply(t, BCYX).data()[0], 1e-5);
		// 0.4: 'axes' are the joint axes, a list of values is one per channel
		Transformation perChannel = Transformations.create("scale_linear", Map.of("axes", "yx", "gain", List.of(2, 3), "offset", 1));
		assertEquals("channel", ((ScaleLinear) perChannel).axis());
		Transformation fixed04 = Transformations.create("zero_mean_unit_variance", Map.of("mode", "fixed", "axes", "yx", "mean", List.of(1, 2), "std", List.of(1, 4)));
		Tensor two = new Tensor(new float[] { 3, 10 }, 1, 2, 1, 1);
		Tensor fixedOut = fixed04.apply(two, BCYX);
		assertEquals(2, fixedOut.data()[0], 1e-5);
		assertEquals(2, fixedOut.data()[1], 1e-5);
		assertEquals("y", ((Binarize) Transformations.create("binarize", Map.of("threshold", List.of(1, 2), "axis", "y"))).axis());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transformations.create("fancy", Map.of()));
		assertTrue(e.getMessage().contains("fancy") && e.getMessage().contains("sigmoid"));
		assertThrows(IllegalArgumentException.class, () -> new ZeroMeanUnitVariance(List.of("z"), 0).apply(t, BCYX));
	}

	static void assertArray(float[] expected, Tensor actual) {
		for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual.data()[i], 1e-6, "at " + i);
	}
}
