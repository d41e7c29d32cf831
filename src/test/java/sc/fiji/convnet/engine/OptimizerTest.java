package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.engine.optim.Sgd;

/** Optimizers on f(θ) = ½·a·θ², whose gradient is a·θ, against the update rules iterated in double. */
class OptimizerTest {

	private static Parameter scalar(float v) {
		Parameter p = new Parameter("theta", Initializer.constant(v), true, 1);
		p.value();
		return p;
	}

	@Test
	void sgdMomentumWeightDecayFollowsTheRecurrence() {
		double a = 2, lr = 0.05, mu = 0.9, wd = 0.1;
		Parameter p = scalar(1f);
		Sgd sgd = new Sgd(List.of(p), lr, mu, wd, false);
		double theta = 1, v = 0;
		for (int step = 0; step < 20; step++) {
			p.zeroGrad();
			p.grad().data()[0] = (float) (a * p.value().data()[0]);
			sgd.step();
			double g = a * theta + wd * theta;
			v = mu * v + g;
			theta -= lr * v;
			assertEquals(theta, p.value().data()[0], 1e-5, "step " + step);
		}
	}

	@Test
	void adamFirstStepHasTheLearningRateAsSize() {
		// with bias correction, m̂ = g and v̂ = g², so the first step is lr·g/(|g| + ε) ≈ lr·sign(g)
		Parameter p = scalar(3f);
		Adam adam = new Adam(List.of(p), 0.01);
		p.grad().data()[0] = 123f;
		adam.step();
		assertEquals(3 - 0.01, p.value().data()[0], 1e-6);
	}

	@Test
	void adamConvergesOnAQuadratic() {
		Parameter p = scalar(5f);
		Adam adam = new Adam(List.of(p), 0.1);
		for (int i = 0; i < 500; i++) {
			p.zeroGrad();
			p.grad().data()[0] = 2 * p.value().data()[0];
			adam.step();
		}
		assertEquals(0, p.value().data()[0], 0.05);
	}

	@Test
	void stateParametersAreNotUpdated() {
		Parameter state = new Parameter("runningMean", Initializer.constant(1), false, 1);
		state.grad().data()[0] = 10;
		new Sgd(List.of(state), 1).step();
		assertEquals(1f, state.value().data()[0]);
	}

	@Test
	void nesterovAndDecoupledDecayFollowTheirRules() {
		double a = 1.5, lr = 0.1, mu = 0.8;
		Parameter p = scalar(2f);
		Sgd sgd = new Sgd(List.of(p), lr, mu, 0, true);
		double theta = 2, v = 0;
		for (int step = 0; step < 10; step++) {
			p.zeroGrad();
			p.grad().data()[0] = (float) (a * p.value().data()[0]);
			sgd.step();
			double g = a * theta;
			v = mu * v + g;
			theta -= lr * (g + mu * v);
			assertEquals(theta, p.value().data()[0], 1e-5, "Nesterov step " + step);
		}
		// AdamW with a zero gradient only shrinks the weight: θ ← θ − η·λ·θ
		Parameter q = scalar(4f);
		Adam adamW = new Adam(List.of(q), 0.1, 0.9, 0.999, 1e-8, 0.5, true);
		adamW.step();
		assertEquals(4 - 0.1 * 0.5 * 4, q.value().data()[0], 1e-6);
	}

	@Test
	void trainingIsReproducibleWithTheSameSeeds() {
		float[][] finals = new float[2][];
		for (int run = 0; run < 2; run++) {
			Network net = sc.fiji.convnet.engine.nets.UNet.builder().depth(1).baseWidth(3).classes(2).seed(7).build();
			Trainer t = new Trainer(net, new sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy(), new Adam(net.parameters(), 1e-2));
			java.util.SplittableRandom r = new java.util.SplittableRandom(3);
			for (int i = 0; i < 3; i++) {
				sc.fiji.convnet.tensor.Tensor x = GradCheck.random(r, 2, 1, 4, 4), y = sc.fiji.convnet.tensor.Tensor.zeros(2, 4, 4);
				for (int k = 0; k < y.size(); k++) y.data()[k] = r.nextInt(2);
				t.step(x, y);
			}
			finals[run] = net.parameters().get(0).value().data().clone();
		}
		assertArrayEquals(finals[0], finals[1]);
	}

	@Test
	void divergenceIsReported() {
		Network net = sc.fiji.convnet.engine.nets.UNet.builder().depth(1).baseWidth(2).build();
		Trainer t = new Trainer(net, new sc.fiji.convnet.engine.loss.SumOfSquares(), new Sgd(net.parameters(), 1));
		sc.fiji.convnet.tensor.Tensor target = sc.fiji.convnet.tensor.Tensor.zeros(1, 2, 4, 4).fill(Float.POSITIVE_INFINITY);
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.step(sc.fiji.convnet.tensor.Tensor.zeros(1, 1, 4, 4), target));
		assertTrue(e.getMessage().contains("Trainer"), e.getMessage());
	}
}
