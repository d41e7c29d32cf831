package sc.fiji.convnet.spark;

import java.io.Serializable;

import sc.fiji.convnet.request.SegmentRequest;

/**
 * What {@code segment-large} does: which image, where the labels go, the block geometry and the segmentation
 * options ({@link SegmentRequest}: the same names and defaults as the Fiji dialog, macro and command line).
 * Travels to every task.
 */
public final class SegmentLargeJob implements Serializable {

	private static final long serialVersionUID = 1L;

	/** A Zarr array or OME-Zarr image of one 2-D grey plane, on a file system every executor sees. */
	public String input;
	/** The OME-Zarr label image (uint32, the input's chunking) to create. */
	public String output;
	/** Model, thresholds, sizes, tile edge and views; the diameter must be the model's (or 0: measured, must match). */
	public SegmentRequest segmentation = SegmentRequest.defaults();
	/** Edge of a block's core and the margin decoded around it (at least twice the largest nucleus). */
	public int blockSize = 2048, margin = 128;
	/** ONNX Runtime threads of each task (match {@code spark.task.cpus}). */
	public int threads = 1;
	/** Tiles per model call. */
	public int batchSize = 4;
	/** Replace an existing output. */
	public boolean overwrite;
	/** For tests: the first attempt of this block's task fails (Spark retries it); -1 = none. */
	public long failFirstAttemptOf = -1;

	public SegmentLargeJob() {}

	public SegmentLargeJob(String input, String output) {
		this.input = input;
		this.output = output;
	}
}
