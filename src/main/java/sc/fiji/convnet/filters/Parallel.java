package sc.fiji.convnet.filters;

/**
 * Splits a range of work items into contiguous chunks on the engine's thread pool (the common
 * ForkJoinPool has a parallelism of 1 on two cores, so the engine keeps its own).
 */
final class Parallel {

	private Parallel() {}

	interface RangeBody { void run(int from, int to); }

	/** Runs {@code body} over [0, count) in up to {@code threads} contiguous chunks. */
	static void forRange(int count, int threads, RangeBody body) {
		int chunks = Math.max(1, Math.min(threads, count));
		if (chunks == 1) {
			body.run(0, count);
			return;
		}
		sc.fiji.convnet.engine.kernels.Parallel.forEach(chunks, chunks,
				c -> body.run((int) ((long) count * c / chunks), (int) ((long) count * (c + 1) / chunks)));
	}
}
