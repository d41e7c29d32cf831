package sc.fiji.convnet.spark;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.ij.FolderRunner.Item;
import scala.Function2;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

/**
 * A folder command ({@code segment}, {@code detect}, {@code saliency}) as a Spark job: the plugin's
 * {@link FolderRunner} lists the folder, names the outputs, skips what its journal shows up to date and assembles the
 * folder table at the end, exactly as under {@code bin/convnet}; only the images that need work go to Spark, one task
 * each, and every task runs the runner's per-image step ({@link Item#process}) with the plugin's batch task, built
 * once per executor JVM from a broadcast copy of the model. Outputs are written atomically into the output folder by
 * the task; the driver appends each image's journal line as its task finishes, so a killed job resumes where it
 * stopped, and a retried task (a lost executor, a failed attempt) writes the same files again and is journalled once.
 */
public final class SparkFolders {

	private SparkFolders() {}

	public static FolderRunner.Report run(JavaSparkContext sc, FolderJob job, Consumer<String> log) throws IOException {
		FolderRunner.Task here = job.command.task(job.command.model(), 0, log);
		return FolderRunner.over(new File(job.input)).output(new File(job.output)).filter(job.filter).overwrite(job.overwrite).log(log)
				.run(here, (items, done) -> distribute(sc, job, items, done, log));
	}

	/** One Spark task per item; each processed item goes to {@code done} on the driver as its task succeeds. */
	private static void distribute(JavaSparkContext sc, FolderJob job, List<Item> items, Consumer<Item> done, Consumer<String> log) throws IOException {
		ShippedModel model = ShippedModel.read(job.command.model());
		log.accept(String.format(java.util.Locale.ROOT, "%s: %d images as Spark tasks; model %s (%.1f MB) broadcast to the executors", job.command.name(),
				items.size(), model.name(), model.bytes() / 1e6));
		Broadcast<ShippedModel> shipped = sc.broadcast(model);
		boolean[] returned = new boolean[items.size()];
		Function2<Object, ArrayList<Item>, BoxedUnit> handler = (partition, processed) -> {
			returned[(Integer) partition] = true;
			processed.forEach(done);
			return BoxedUnit.UNIT;
		};
		try {
			sc.sc().runJob(sc.parallelize(items, items.size()).rdd(), work(job, shipped), handler, ClassTag$.MODULE$.apply(ArrayList.class));
		} catch (Exception stopped) { // tasks failed past spark.task.maxFailures, or the job was cancelled
			String reason = "the Spark job stopped: " + FolderRunner.oneLine(stopped);
			for (int i = 0; i < items.size(); i++)
				if (!returned[i]) {
					items.get(i).fail(reason);
					done.accept(items.get(i));
				}
		} finally {
			shipped.unpersist(false);
		}
	}

	/** What a Spark task runs: the per-image step on its items, with this JVM's batch task. */
	private static Function2<TaskContext, Iterator<Item>, ArrayList<Item>> work(FolderJob job, Broadcast<ShippedModel> shipped) {
		return (Function2<TaskContext, Iterator<Item>, ArrayList<Item>> & Serializable) (context, items) -> {
			ShippedModel model = shipped.value();
			FolderRunner.Task task;
			try {
				task = ExecutorTasks.borrow(job, model);
			} catch (IOException e) {
				throw new UncheckedIOException("cannot open the model " + model.name() + " on this executor", e);
			}
			ArrayList<Item> processed = new ArrayList<>();
			try {
				while (items.hasNext()) {
					Item item = items.next();
					item.process(task);
					if (item.name().equals(job.failFirstAttemptOf) && context.attemptNumber() == 0)
						throw new IllegalStateException("test: the first attempt at " + item.name() + " fails after writing its outputs");
					processed.add(item);
				}
			} finally {
				ExecutorTasks.giveBack(job, model, task);
			}
			return processed;
		};
	}
}
