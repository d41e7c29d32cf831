package sc.fiji.convnet.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a range of work items over an explicit number of threads. The common ForkJoinPool has a
 * parallelism of 1 on two cores, so we keep our own pool of daemon threads.
 */
final class Parallel {

	private Parallel() {}

	interface RangeBody { void run(int from, int to); }

	private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "convnet-filters");
		t.setDaemon(true);
		return t;
	});

	/** Runs {@code body} over [0, count) in up to {@code threads} contiguous chunks; the caller works on the first. */
	static void forRange(int count, int threads, RangeBody body) {
		int chunks = Math.max(1, Math.min(threads, count));
		if (chunks == 1) {
			body.run(0, count);
			return;
		}
		List<Future<?>> futures = new ArrayList<>(chunks - 1);
		for (int c = 1; c < chunks; c++) {
			int from = (int) ((long) count * c / chunks), to = (int) ((long) count * (c + 1) / chunks);
			futures.add(POOL.submit(() -> body.run(from, to)));
		}
		body.run(0, (int) ((long) count / chunks));
		try {
			for (Future<?> f : futures) f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("filters: interrupted", e);
		} catch (ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof RuntimeException r) throw r;
			if (c instanceof Error err) throw err;
			throw new IllegalStateException(c);
		}
	}
}
