package sc.fiji.convnet.segment;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import sc.fiji.convnet.model.Axis;
import sc.fiji.convnet.model.ModelDescriptor;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelFormatException;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.model.TensorDescription;
import sc.fiji.convnet.predict.OnnxPredictor;
import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Opens segmentation models found by the {@link ModelRepository}: a shipped or installed model's name, or a
 * path to a bioimage.io model folder, its description, or a bare {@code .onnx}. What the output channels mean
 * comes from the description's {@code config: convnet:} block ({@code output: foreground},
 * {@code background_interior_boundary} or {@code background_interior_boundary_distance}, {@code softmax: true}, {@code diameter: PIXELS}), else from
 * the number of output channels (1: foreground, 3: background/interior/boundary).
 */
public final class SegmentationModels {

	private SegmentationModels() {}

	public static SegmentationModel load(String nameOrPath) throws IOException {
		return load(nameOrPath, 0);
	}

	/** As {@link #load(String)} with {@code threads} ONNX Runtime threads per run (≤ 0: the default). */
	public static SegmentationModel load(String nameOrPath, int threads) throws IOException {
		ModelFiles files = ModelRepository.standard().findDescribed(nameOrPath);
		ModelDescriptor d = files.descriptor();
		Map<String, Object> config = files.config();
		TensorDescription in = d.input(), out = d.output();
		requireLayout(d, in);
		Predictor predictor = new OnnxPredictor(threads > 0 ? files.sessions(threads) : files.sessions(), spatialStep(in), spatialHalo(out, config));
		int channels = outputChannels(out);
		String kind = String.valueOf(config.getOrDefault("output", channels == 3 ? "background_interior_boundary" : "foreground"));
		InstanceDecoder.OutputKind outputKind = java.util.Arrays.stream(InstanceDecoder.OutputKind.values()).filter(k -> k.configName().equals(kind))
				.findFirst().orElseThrow(() -> new IOException(d.source() + ": config.convnet.output '" + kind
						+ "' is none of foreground, background_interior_boundary, background_interior_boundary_distance"));
		if (outputKind.channels() != channels && outputKind != InstanceDecoder.OutputKind.FOREGROUND)
			throw new IOException(d.source() + ": config.convnet.output " + kind + " needs " + outputKind.channels() + " output channels, the model has " + channels);
		boolean softmax = Boolean.TRUE.equals(config.get("softmax"));
		double diameter = config.get("diameter") instanceof Number n ? n.doubleValue() : 0;
		return new SegmentationModel(d.name(), predictor, outputKind, in::preprocess,
				t -> softmax ? ChannelSoftmax.forKind(out.postprocess(t), outputKind) : out.postprocess(t), diameter).withDigest(digest(files))
				.withPreprocessingSteps(in.preprocessing(), in.axisIds());
	}

	private static String digest(ModelFiles files) throws IOException {
		try {
			return files.digest();
		} catch (ModelFormatException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	private static void requireLayout(ModelDescriptor d, TensorDescription in) throws IOException {
		List<String> ids = in.axisIds();
		if (!ids.equals(List.of("b", "c", "y", "x")) && !ids.equals(List.of("batch", "channel", "y", "x")))
			throw new IOException(d.source() + ": input axes " + ids + " are not batch, channel, y, x (the layout segmentation supports)");
	}

	private static int spatialStep(TensorDescription in) {
		int step = 1;
		for (Axis a : in.axes())
			if (a.id().equals("x") || a.id().equals("y")) step = Math.max(step, a.isFixed() ? 1 : Math.max(a.step(), 1));
		return step;
	}

	private static int spatialHalo(TensorDescription out, Map<String, Object> config) {
		if (config.get("halo") instanceof Number n) return n.intValue();
		int halo = 0;
		for (Axis a : out.axes()) if (a.id().equals("x") || a.id().equals("y")) halo = Math.max(halo, a.halo());
		return halo > 0 ? halo : 32;
	}

	private static int outputChannels(TensorDescription out) {
		for (Axis a : out.axes())
			if (a.id().equals("c") || a.id().equals("channel")) return a.isFixed() ? a.size() : Math.max(1, a.channelNames().size());
		return 1;
	}
}
