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

	private static final AtomicInteger THREAD_IDS = new AtomicInteger();
	private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "convnet-kernel-" + THREAD_IDS.incrementAndGet());
		t.setDaemon(true);
		return t;
	});

	/** Calls {@code body} once for each task 0..tasks−1, spread over at most {@code threads} threads. */
	public static void forEach(int tasks, int threads, IntConsumer body) {
		int workers = Math.min(Math.max(1, threads), tasks);
		if (workers <= 1) {
			for (int i = 0; i < tasks; i++) body.accept(i);
			return;
		}
		AtomicInteger next = new AtomicInteger();
		Runnable worker = () -> {
			for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) body.accept(i);
		};
		Future<?>[] helpers = new Future<?>[workers - 1];
		for (int k = 0; k < helpers.length; k++) helpers[k] = POOL.submit(worker);
		Throwable failure = null;
		try {
			worker.run();
		} catch (Throwable t) {
			failure = t;
			next.set(tasks); // stop handing out tasks
		}
		boolean interrupted = false;
		for (Future<?> f : helpers) {
			while (true) {
				try {
					f.get();
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
}
