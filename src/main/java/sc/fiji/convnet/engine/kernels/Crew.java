package sc.fiji.convnet.engine.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A few long-lived helper threads that wait for the next loop by spinning briefly before they sleep. A network's layers
 * follow each other within microseconds, and waking a sleeping pool thread for each one (and being woken when it is
 * done) costs tens of microseconds each way, longer than many small layers take; ONNX Runtime's threads spin the same
 * way. One loop uses the crew at a time: a loop started while it is busy (a nested loop, another caller's) returns
 * false from {@link #tryRun} and takes the ordinary pool.
 */
final class Crew {

	/** How long an idle helper keeps looking for the next loop before it sleeps (the gap between two layers). */
	private static final long SPIN_NANOS = 100_000;

	private static final Crew SHARED = new Crew();

	private final AtomicBoolean busy = new AtomicBoolean();
	private final List<Member> members = new ArrayList<>();
	private volatile Loop current;

	static Crew shared() { return SHARED; }

	/**
	 * Runs {@code work} on the calling thread and on up to {@code helpers} crew members; returns false (having run
	 * nothing) when the crew is busy with another loop. {@code work} takes tasks from a shared counter until none are
	 * left, so it may run on any number of threads; returns when every thread that started it has finished.
	 */
	boolean tryRun(int helpers, Runnable work, Runnable stop) {
		if (!busy.compareAndSet(false, true)) return false;
		Loop loop = new Loop(work, stop, helpers);
		try {
			ensureMembers(helpers);
			current = loop;
			for (int i = 0; i < helpers; i++) members.get(i).wake();
			Throwable failure = null;
			try {
				work.run();
			} catch (Throwable t) {
				failure = t;
				stop.run();
			}
			loop.closeAndAwait();
			current = null;
			if (failure == null) failure = loop.failure;
			if (failure instanceof RuntimeException e) throw e;
			if (failure instanceof Error e) throw e;
			if (failure != null) throw new RuntimeException(failure);
			return true;
		} finally {
			busy.set(false);
		}
	}

	private void ensureMembers(int n) {
		while (members.size() < n) {
			Member m = new Member(members.size());
			members.add(m);
			m.thread.start();
		}
	}

	/** One loop: helpers join it while it is open; the caller closes it and waits for those that joined. */
	private static final class Loop {
		private static final int CLOSED = 1 << 30;
		final Runnable work, stop;
		final int seats;
		final Thread caller = Thread.currentThread();
		final AtomicInteger state = new AtomicInteger(); // CLOSED bit | helpers still running
		final AtomicInteger joined = new AtomicInteger();
		volatile Throwable failure;

		Loop(Runnable work, Runnable stop, int seats) {
			this.work = work;
			this.stop = stop;
			this.seats = seats;
		}

		/** A helper's turn: runs the work unless the loop is closed or full. */
		void join() {
			if (joined.incrementAndGet() > seats) return;
			for (int s = state.get(); ; s = state.get()) {
				if ((s & CLOSED) != 0) return;
				if (state.compareAndSet(s, s + 1)) break;
			}
			try {
				work.run();
			} catch (Throwable t) {
				if (failure == null) failure = t;
				stop.run();
			} finally {
				if (state.decrementAndGet() == CLOSED) LockSupport.unpark(caller);
			}
		}

		/** No helper joins after this; waits (spinning, then sleeping in short naps) for those that did. */
		void closeAndAwait() {
			state.getAndAdd(CLOSED);
			long spinUntil = System.nanoTime() + SPIN_NANOS;
			while (state.get() != CLOSED) {
				if (System.nanoTime() < spinUntil) Thread.onSpinWait();
				else LockSupport.parkNanos(this, 50_000);
			}
		}
	}

	/** A helper thread: takes each new loop, spinning for a while between loops and then sleeping until woken. */
	private final class Member implements Runnable {
		final Thread thread;
		private volatile boolean sleeping;

		Member(int index) {
			thread = new Thread(this, "convnet-crew-" + (index + 1));
			thread.setDaemon(true);
		}

		void wake() {
			if (sleeping) LockSupport.unpark(thread);
		}

		@Override
		public void run() {
			Loop seen = null;
			while (true) {
				Loop loop = current;
				if (loop != null && loop != seen) {
					seen = loop;
					loop.join();
					continue;
				}
				long spinUntil = System.nanoTime() + SPIN_NANOS;
				while ((loop = current) == null || loop == seen) {
					if (System.nanoTime() < spinUntil) {
						Thread.onSpinWait();
						continue;
					}
					sleeping = true;
					loop = current;
					if (loop == null || loop == seen) LockSupport.park(this);
					sleeping = false;
					spinUntil = System.nanoTime() + SPIN_NANOS;
				}
			}
		}
	}
}
