package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class ParallelTest {

	@Test
	void everyTaskRunsExactlyOnce() {
		for (int threads : new int[] { 1, 2, 5 }) {
			AtomicIntegerArray runs = new AtomicIntegerArray(97);
			Parallel.forEach(97, threads, runs::incrementAndGet);
			for (int i = 0; i < 97; i++) assertEquals(1, runs.get(i), "task " + i + " with " + threads + " threads");
		}
	}

	/** Tiny loops, where the caller often finishes before its helper starts and calls it off: still each task once. */
	@Test
	void tinyLoopsRunEveryTaskOnceWhetherOrNotTheHelperStarts() {
		int loops = 20_000;
		AtomicIntegerArray runs = new AtomicIntegerArray(3 * loops);
		for (int l = 0; l < loops; l++) {
			int base = 3 * l;
			Parallel.forEach(1 + l % 3, 2, i -> runs.incrementAndGet(base + i));
		}
		for (int l = 0; l < loops; l++)
			for (int i = 0; i < 3; i++)
				assertEquals(i < 1 + l % 3 ? 1 : 0, runs.get(3 * l + i), "loop " + l + ", task " + i);
	}

	@Test
	void aFailingTaskFailsTheCallWithItsOwnException() {
		IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(50, 3, i -> {
			if (i == 31) throw new IllegalStateException("task 31 failed");
		}));
		assertEquals("task 31 failed", e.getMessage());
	}
}
