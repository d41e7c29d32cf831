package sc.fiji.convnet.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.function.Consumer;

import sc.fiji.convnet.ij.BatchDetection;
import sc.fiji.convnet.ij.BatchSaliency;
import sc.fiji.convnet.ij.BatchSegmentation;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.onnx.DjlSetup;
import sc.fiji.convnet.request.DetectRequest;
import sc.fiji.convnet.request.SaliencyRequest;
import sc.fiji.convnet.request.SegmentRequest;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationModels;

/**
 * A folder command's request and how it becomes the plugin's batch task, the one {@code bin/convnet} runs: on the
 * driver from the model the user names (for the journal's settings and the folder table), on each executor from its
 * unpacked copy of the same files (for the images). It travels to every task.
 */
public sealed interface FolderCommand extends Serializable {

	/** {@code segment}, {@code detect} or {@code saliency}. */
	String name();

	/** The model as the user named it. */
	String model();

	/**
	 * The batch task with the model at {@code modelPath}; {@code threads} ONNX Runtime threads per run where the model
	 * takes them (≤ 0: the default, as {@code bin/convnet}); warnings go to {@code log}. Overwriting is the runner's
	 * decision, not the task's.
	 */
	FolderRunner.Task task(String modelPath, int threads, Consumer<String> log) throws IOException;

	/** {@code segment}: label image, ROIs and measurements per image, {@code measurements.csv}. */
	record Segment(SegmentRequest request) implements FolderCommand {
		@Override public String name() { return "segment"; }
		@Override public String model() { return request.model(); }

		@Override
		public FolderRunner.Task task(String modelPath, int threads, Consumer<String> log) throws IOException {
			DjlSetup.offline();
			NucleiSegmenter segmenter = request.applyTo(NucleiSegmenter.builder(SegmentationModels.load(modelPath, threads))).build();
			return new BatchSegmentation(segmenter, request.channel(), false, log);
		}
	}

	/** {@code detect}: boxes per image, {@code counts.csv}. */
	record Detect(DetectRequest request) implements FolderCommand {
		@Override public String name() { return "detect"; }
		@Override public String model() { return request.model(); }

		@Override
		public FolderRunner.Task task(String modelPath, int threads, Consumer<String> log) throws IOException {
			return BatchDetection.of(modelPath, request.decoderOverride(), request.settings(), false, log).planes(request.allPlanes());
		}
	}

	/** {@code saliency}: a Grad-CAM map per image; {@code classIndex} resolved on the driver (−1: the top class). */
	record Saliency(SaliencyRequest request, int classIndex) implements FolderCommand {
		@Override public String name() { return "saliency"; }
		@Override public String model() { return request.classifier(); }

		@Override
		public FolderRunner.Task task(String modelPath, int threads, Consumer<String> log) throws IOException {
			return new BatchSaliency(ModelRepository.standard().find(modelPath), request.layer(), classIndex, request.normalization());
		}
	}
}
