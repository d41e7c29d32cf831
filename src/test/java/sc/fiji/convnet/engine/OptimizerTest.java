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
}
