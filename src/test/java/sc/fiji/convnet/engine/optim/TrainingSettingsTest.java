package sc.fiji.convnet.engine.optim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

	@Test
	void warmUpThenCosineDownToTheFinalFraction() {
		TrainingSettings s = new TrainingSettings();
		s.steps = 1000; s.warmup = 100; s.learningRate = 0.01; s.finalFraction = 0.05;
		assertEquals(0.01 / 100, s.rate(1), 1e-12);
		assertEquals(0.005, s.rate(50), 1e-12);
		assertEquals(0.01, s.rate(100), 1e-12);
		// halfway through the decay the cosine is at its midpoint: (1 + f) / 2 of the peak
		assertEquals(0.01 * (0.05 + 0.95 * 0.5), s.rate(550), 1e-12);
		assertEquals(0.01 * 0.05, s.rate(1000), 1e-12);
		for (int step = 101; step <= 1000; step++) assertTrue(s.rate(step) <= s.rate(step - 1) + 1e-15, "decays at step " + step);
	}

	@Test
	void stopsAtTheLastStepOrTheTimeLimit() {
		TrainingSettings s = new TrainingSettings();
		s.steps = 10;
		assertFalse(s.isLast(9, 100));
		assertTrue(s.isLast(10, 0));
		s.maxMinutes = 2;
		assertTrue(s.isLast(3, 2.5));
		assertFalse(s.isLast(3, 1.5));
	}
}
