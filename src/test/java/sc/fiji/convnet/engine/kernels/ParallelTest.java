package sc.fiji.convnet.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

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

	/** A loop inside a loop's task finds the crew busy and takes the pool; every inner task still runs once. */
	@Test
	void nestedLoopsRunEveryTaskOnce() {
		AtomicIntegerArray runs = new AtomicIntegerArray(40 * 30);
		Parallel.forEach(40, 2, i -> Parallel.forEach(30, 2, j -> runs.incrementAndGet(i * 30 + j)));
		for (int k = 0; k < runs.length(); k++) assertEquals(1, runs.get(k), "task " + k);
	}

	/** Several threads start loops at once: one gets the crew, the others the pool; all sums come out right. */
	@Test
	void concurrentCallersEachGetTheirOwnResult() throws InterruptedException {
		int callers = 4, loops = 2_000;
		long[] sums = new long[callers];
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < callers; c++) {
			int caller = c;
			Thread t = new Thread(() -> {
				for (int l = 0; l < loops; l++) {
					AtomicLong sum = new AtomicLong();
					Parallel.forEach(1 + l % 7, 2, i -> sum.addAndGet(i + 1));
					sums[caller] += sum.get();
				}
			});
			threads.add(t);
			t.start();
		}
		for (Thread t : threads) t.join();
		long expected = 0;
		for (int l = 0; l < loops; l++) expected += (long) (1 + l % 7) * (2 + l % 7) / 2;
		for (int c = 0; c < callers; c++) assertEquals(expected, sums[c], "caller " + c);
	}

	/** A helper's failure reaches the caller, and the next loop runs normally on the same crew. */
	@Test
	void theCrewWorksAgainAfterAFailure() {
		for (int round = 0; round < 200; round++) {
			int bad = round % 50;
			RuntimeException e = assertThrows(RuntimeException.class, () -> Parallel.forEach(50, 2, i -> {
				if (i == bad) throw new IllegalArgumentException("task " + bad);
			}));
			assertEquals("task " + bad, e.getMessage());
			AtomicIntegerArray runs = new AtomicIntegerArray(50);
			Parallel.forEach(50, 2, runs::incrementAndGet);
			for (int i = 0; i < 50; i++) assertEquals(1, runs.get(i), "round " + round + ", task " + i);
		}
	}
}
