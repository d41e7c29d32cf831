package sc.fiji.convnet.spark;

import java.io.Serializable;

/** What a folder job does: the command with its request, which images, where the outputs go. Travels to every task. */
public final class FolderJob implements Serializable {

	private static final long serialVersionUID = 1L;

	public FolderCommand command;
	/** A folder of images, or one image file, on a file system every executor sees. */
	public String input;
	/** The output folder (journal, per-image outputs, folder table), on a file system every executor sees. */
	public String output;
	/** A glob such as {@code *.tif}; null: every file. */
	public String filter;
	/** Redo every image even when the journal says it is up to date. */
	public boolean overwrite;
	/** Threads of each task (ONNX Runtime and the engine; match {@code spark.task.cpus}). */
	public int threads = 1;
	/** For tests: the first attempt at this image's task fails after writing its outputs (Spark retries it); null = none. */
	public String failFirstAttemptOf;

	public FolderJob() {}

	public FolderJob(FolderCommand command, String input, String output) {
		this.command = command;
		this.input = input;
		this.output = output;
	}
}
