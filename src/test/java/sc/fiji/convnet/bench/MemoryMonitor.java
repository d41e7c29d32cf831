package sc.fiji.convnet.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Samples the used Java heap every few milliseconds on a daemon thread (the peak, garbage included), listens to
 * the garbage collector for the heap still in use right after each collection (the peak live heap), and reads
 * the process's resident memory from /proc/self/status (VmHWM: peak resident set; VmRSS, RssAnon, RssFile now).
 */
final class MemoryMonitor implements AutoCloseable {

	private volatile boolean running = true;
	private volatile long peakHeap;
	private volatile long peakAfterGc;
	private volatile int collections;
	private final Thread thread;
	private final List<Runnable> unregister = new ArrayList<>();

	MemoryMonitor(long periodMillis) {
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (!(gc instanceof NotificationEmitter emitter)) continue;
			NotificationListener listener = this::collected;
			emitter.addNotificationListener(listener, null, null);
			unregister.add(() -> {
				try {
					emitter.removeNotificationListener(listener);
				} catch (Exception e) {
					// already gone
				}
			});
		}
		thread = new Thread(() -> {
			while (running) {
				sample();
				try {
					Thread.sleep(periodMillis);
				} catch (InterruptedException e) {
					return;
				}
			}
		}, "memory-monitor");
		thread.setDaemon(true);
		thread.start();
	}

	private void collected(Notification n, Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
		long used = 0;
		for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) used += u.getUsed();
		if (used > peakAfterGc) peakAfterGc = used;
		collections++;
	}

	/** Largest heap in use right after a collection: what the program really held (0 before any GC). */
	long peakLiveHeapBytes() { return peakAfterGc; }

	int collections() { return collections; }

	private void sample() {
		Runtime rt = Runtime.getRuntime();
		long used = rt.totalMemory() - rt.freeMemory();
		if (used > peakHeap) peakHeap = used;
	}

	long peakHeapBytes() { sample(); return peakHeap; }

	/** A field of /proc/self/status in kB, or -1 where there is none (not Linux). */
	static long statusKb(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status")))
				if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
		} catch (IOException | NumberFormatException e) {
			return -1;
		}
		return -1;
	}

	@Override
	public void close() {
		running = false;
		thread.interrupt();
		unregister.forEach(Runnable::run);
	}
}
