package sc.fiji.convnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples the used Java heap every few milliseconds on a daemon thread (the peak) and reads the process's
 * resident memory from /proc/self/status (VmHWM: peak resident set; VmRSS, RssAnon, RssFile now).
 */
final class MemoryMonitor implements AutoCloseable {

	private volatile boolean running = true;
	private volatile long peakHeap;
	private final Thread thread;

	MemoryMonitor(long periodMillis) {
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
	}
}
