package sc.fiji.convnet.engine.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks on an explicit number of threads. The common ForkJoinPool has parallelism 1 on a
 * two-core machine, so kernels use this small daemon pool instead; the calling thread works too.
 */
public final class Parallel {

	private Parallel() {}

	/** Whether loops use the spinning {@link Crew} when it is free (switch: {@code -Dconvnet.crew=false}). */
	private static final boolean CREW = !"false".equals(System.getProperty("convnet.crew"));

	private static final AtomicInteger THREAD_IDS = new AtomicInteger();
	private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "convnet-kernel-" + THREAD_IDS.incrementAndGet());
		t.setDaemon(true);
		return t;
	});

	/**
	 * Calls {@code body} once for each task 0..tasks−1, spread over at most {@code threads} threads. A helper that has
	 * not started when the calling thread runs out of tasks is called off instead of waited for: waking a pool thread
	 * takes tens of microseconds, longer than many of a small network's layers, and the caller would otherwise wait for
	 * a thread that then finds nothing to do.
	 */
	public static void forEach(int tasks, int threads, IntConsumer body) {
		int workers = Math.min(Math.max(1, threads), tasks);
		if (workers <= 1) {
			for (int i = 0; i < tasks; i++) body.accept(i);
			return;
		}
		AtomicInteger next = new AtomicInteger();
		Runnable work = () -> {
			for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) body.accept(i);
		};
		if (CREW && Crew.shared().tryRun(workers - 1, work, () -> next.set(tasks))) return;
		Helper[] helpers = new Helper[workers - 1];
		for (int k = 0; k < helpers.length; k++) {
			helpers[k] = new Helper(work);
			helpers[k].future = POOL.submit(helpers[k]);
		}
		Throwable failure = null;
		try {
			work.run();
		} catch (Throwable t) {
			failure = t;
			next.set(tasks); // stop handing out tasks
		}
		boolean interrupted = false;
		for (Helper h : helpers) {
			if (h.callOff()) continue; // never started: it will touch nothing
			while (true) {
				try {
					h.future.get();
					break;
				} catch (ExecutionException e) {
					if (failure == null) failure = e.getCause();
					break;
				} catch (InterruptedException e) {
					interrupted = true; // the helpers still use our arrays: wait for them anyway
				}
			}
		}
		if (interrupted) Thread.currentThread().interrupt();
		if (failure instanceof RuntimeException) throw (RuntimeException) failure;
		if (failure instanceof Error) throw (Error) failure;
		if (failure != null) throw new RuntimeException(failure);
	}

	/** The body of a loop over the index range [from, to). */
	@FunctionalInterface
	public interface Range {
		void run(int from, int to);
	}

	/**
	 * Runs {@code body} over [0, length) in pieces of {@code piece} indices (the last one shorter), in parallel. The
	 * pieces do not depend on the thread count, so element-wise results do not either.
	 */
	public static void range(int length, int piece, int threads, Range body) {
		int pieces = (length + piece - 1) / piece;
		if (pieces <= 1 || threads <= 1) {
			if (length > 0) body.run(0, length);
			return;
		}
		forEach(pieces, threads, p -> body.run(p * piece, Math.min(length, (p + 1) * piece)));
	}

	/** A pool thread's share of a loop: runs it unless the caller called it off first. */
	private static final class Helper implements Runnable {
		private static final int WAITING = 0, RUNNING = 1, CALLED_OFF = 2;
		private final AtomicInteger state = new AtomicInteger(WAITING);
		private final Runnable work;
		private Future<?> future;

		Helper(Runnable work) { this.work = work; }

		@Override
		public void run() {
			if (state.compareAndSet(WAITING, RUNNING)) work.run();
		}

		/** True when the helper had not started and now never will. */
		boolean callOff() {
			return state.compareAndSet(WAITING, CALLED_OFF);
		}
	}
}
