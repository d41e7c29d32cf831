package sc.fiji.convnet.engine;

import java.util.function.IntConsumer;

import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.engine.kernels.Parallel;

/**
 * Parallel loops for the layers outside the convolution kernels, on the kernels' thread pool and
 * thread count ({@link Kernels#defaultThreads()}). Work is split into pieces that do not depend on the
 * number of threads, so that results are the same whatever it is.
 */
public final class Loops {

	private Loops() {}

	/** Elements per piece of an element-wise loop: large enough to hide the hand-over, small enough to balance. */
	static final int CHUNK = 1 << 15;

	/** The body of a loop over the index range [from, to). */
	@FunctionalInterface
	public interface Range {
		void run(int from, int to);
	}

	/** Runs {@code body} over [0, length) in fixed pieces, in parallel. */
	public static void range(int length, Range body) {
		Parallel.range(length, CHUNK, Kernels.defaultThreads(), body::run);
	}

	/**
	 * Calls {@code body} for each plane 0..count−1, in parallel when the planes hold at least {@link #CHUNK} values
	 * together ({@code values}), else on this thread: a smaller pass costs less than handing it over.
	 */
	public static void planes(int count, long values, IntConsumer body) {
		if (values < CHUNK) for (int p = 0; p < count; p++) body.accept(p);
		else tasks(count, body);
	}

	/** Calls {@code body} for each task 0..count−1 (e.g. channels or planes), in parallel. */
	public static void tasks(int count, IntConsumer body) {
		Parallel.forEach(count, Kernels.defaultThreads(), body);
	}
}
