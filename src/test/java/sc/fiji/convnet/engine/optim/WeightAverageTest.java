package sc.fiji.convnet.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.nets.UNet;

/** The moving average of the weights against a double-precision recomputation, and the trained weights always put back. */
class WeightAverageTest {

	private static Network net() { return UNet.builder().inChannels(1).classes(3).depth(1).baseWidth(4).seed(3).build(); }

	@Test
	void averageFollowsTheRampedDecay() {
		Network net = net();
		List<Parameter> p = net.allParameters();
		float[] start = p.get(0).value().data().clone();
		WeightAverage avg = new WeightAverage(net, 0.6);
		double[] expected = new double[start.length];
		for (int j = 0; j < start.length; j++) expected[j] = start[j];
		for (int n = 0; n < 6; n++) {
			float[] w = p.get(0).value().data();
			for (int j = 0; j < w.length; j++) w[j] = (float) Math.sin(n + 0.1 * j); // the "trained" weights of step n
			double d = Math.min(0.6, (1.0 + n) / (10.0 + n)); // 0.1, 0.18, 0.25, ... then capped at 0.6
			for (int j = 0; j < w.length; j++) expected[j] = d * expected[j] + (1 - d) * w[j];
			avg.update();
		}
		assertEquals(6, avg.updates());
		float[] got = avg.values()[0];
		for (int j = 0; j < got.length; j++) assertEquals(expected[j], got[j], 1e-6, "weight " + j);
	}

	@Test
	void withPutsTheTrainedWeightsBackEvenWhenTheActionFails() {
		Network net = net();
		List<Parameter> p = net.allParameters();
		WeightAverage avg = new WeightAverage(net, 0.9);
		for (Parameter q : p) java.util.Arrays.fill(q.value().data(), 2f);
		avg.update(); // d = 0.1: average = 0.1·start + 0.9·2
		float[] trained = p.get(0).value().data().clone();
		float inside = avg.with(() -> p.get(0).value().data()[0]);
		assertEquals(avg.values()[0][0], inside);
		assertArrayEquals(trained, p.get(0).value().data());
		assertThrows(IllegalStateException.class, () -> avg.with(() -> { throw new IllegalStateException("validation failed"); }));
		assertArrayEquals(trained, p.get(0).value().data());
	}

	@Test
	void aCheckpointOfAnotherNetworkIsRefused() {
		WeightAverage avg = new WeightAverage(net(), 0.9);
		assertThrows(IllegalArgumentException.class, () -> avg.restore(1, new float[][] { new float[3] }));
		assertThrows(IllegalArgumentException.class, () -> new WeightAverage(net(), 1));
	}
}
