package sc.fiji.convnet.spark;

import java.io.IOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import sc.fiji.convnet.ij.FolderRunner;

/**
 * The batch tasks of one executor JVM: a task is built the first time a Spark task of a job needs one and lent to
 * the later Spark tasks of that job, one at a time (a task keeps per-image-size state, such as the networks Grad-CAM
 * imports, that concurrent images must not share). The model's ONNX Runtime sessions are shared by all of them
 * through the plugin's session cache.
 */
final class ExecutorTasks {

	private static final Map<String, Queue<FolderRunner.Task>> IDLE = new ConcurrentHashMap<>();

	private ExecutorTasks() {}

	static FolderRunner.Task borrow(FolderJob job, ShippedModel model) throws IOException {
		// the engine, the decoders and the detectors read the thread count from here, as under bin/convnet --threads
		if (job.threads > 0) System.setProperty("convnet.threads", String.valueOf(job.threads));
		FolderRunner.Task idle = idle(job, model).poll();
		if (idle != null) return idle;
		return job.command.task(model.path().toString(), job.threads, System.err::println);
	}

	static void giveBack(FolderJob job, ShippedModel model, FolderRunner.Task task) {
		idle(job, model).offer(task);
	}

	private static Queue<FolderRunner.Task> idle(FolderJob job, ShippedModel model) {
		return IDLE.computeIfAbsent(model.digest() + "|" + job.threads + "|" + job.command, k -> new ConcurrentLinkedQueue<>());
	}
}
