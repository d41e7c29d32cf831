package sc.fiji.convnet.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import sc.fiji.convnet.model.transform.Transformation;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.OnnxValueInfo;

/**
 * What a model is: its ONNX weights, its inputs and outputs with axes, tile sizes and halo, and the processing
 * around the network. Read from a bioimage.io description ({@link BioimageioReader}) or made for a bare
 * {@code .onnx} ({@link #forOnnx}) with defaults that callers override through the {@code with...} methods.
 *
 * @param source      the description file (yaml) or the .onnx itself
 * @param weightsSha256 the checksum the description gives for the weights, or null
 * @param testInputs  test tensors (.npy) named by the description, may be empty
 */
public record ModelDescriptor(String name, String formatVersion, Path source, Path weights, String weightsSha256,
		List<TensorDescription> inputs, List<TensorDescription> outputs, List<Path> testInputs, List<Path> testOutputs) {

	public ModelDescriptor {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
		testInputs = testInputs == null ? List.of() : List.copyOf(testInputs);
		testOutputs = testOutputs == null ? List.of() : List.copyOf(testOutputs);
	}

	public TensorDescription input() { return inputs.get(0); }
	public TensorDescription output() { return outputs.get(0); }

	public TensorDescription input(String name) { return find(inputs, name); }
	public TensorDescription output(String name) { return find(outputs, name); }

	private TensorDescription find(List<TensorDescription> list, String n) {
		for (TensorDescription t : list) if (t.name().equals(n)) return t;
		throw new IllegalArgumentException(source + ": no tensor '" + n + "' among " + list);
	}

	/**
	 * The shape an output will have for the given input shapes: fixed sizes as declared, sizes that refer to an input
	 * axis computed as {@code round(ref · scale + offset)}, a batch axis as the first input's batch; -1 where the
	 * description does not say (the size is known only after a run).
	 */
	public int[] outputShape(TensorDescription out, java.util.Map<String, int[]> inputShapes) {
		int[] shape = new int[out.rank()];
		for (int i = 0; i < shape.length; i++) {
			Axis a = out.axes().get(i);
			if (a.isReference()) {
				TensorDescription ref = input(a.referenceTensor());
				int[] refShape = inputShapes.get(ref.name());
				if (refShape == null) throw new IllegalArgumentException(source + ": output '" + out.name() + "' needs the shape of input '" + ref.name() + "'");
				int k = ref.axisIds().indexOf(a.referenceAxis());
				if (k < 0) throw new IllegalArgumentException(source + ": output axis " + a + " refers to a missing axis of '" + ref.name() + "'");
				shape[i] = (int) Math.round(refShape[k] * a.scale() + a.offset());
			} else if (a.isFixed()) shape[i] = a.size();
			else if (a.type() == AxisType.BATCH && inputShapes.containsKey(input().name())) {
				int k = input().axisIds().indexOf(a.id());
				shape[i] = k < 0 ? -1 : inputShapes.get(input().name())[k];
			} else shape[i] = -1;
		}
		return shape;
	}

	/** {@link #outputShape(TensorDescription, java.util.Map)} of the first output for a model with one input. */
	public int[] outputShape(int[] inputShape) {
		return outputShape(output(), java.util.Map.of(input().name(), inputShape));
	}

	public ModelDescriptor withName(String newName) {
		return new ModelDescriptor(newName, formatVersion, source, weights, weightsSha256, inputs, outputs, testInputs, testOutputs);
	}

	public ModelDescriptor withInputs(List<TensorDescription> newInputs) {
		return new ModelDescriptor(name, formatVersion, source, weights, weightsSha256, newInputs, outputs, testInputs, testOutputs);
	}

	public ModelDescriptor withOutputs(List<TensorDescription> newOutputs) {
		return new ModelDescriptor(name, formatVersion, source, weights, weightsSha256, inputs, newOutputs, testInputs, testOutputs);
	}

	/**
	 * Checks the weights file against the description's sha256, so that a truncated or replaced file is named as such
	 * rather than failing somewhere in ONNX Runtime. Does nothing when the description gives no checksum.
	 */
	public void verifyWeights() {
		if (weightsSha256 == null) return;
		String actual = ModelFiles.sha256(weights);
		if (!actual.equalsIgnoreCase(weightsSha256))
			throw new ModelFormatException(weights + ": sha256 " + actual + " differs from " + weightsSha256 + " given in " + source
					+ " (a damaged, truncated or replaced file)");
	}

	/** Replaces the first input's preprocessing. */
	public ModelDescriptor withPreprocessing(Transformation... steps) {
		List<TensorDescription> in = new ArrayList<>(inputs);
		in.set(0, in.get(0).withPreprocessing(List.of(steps)));
		return withInputs(in);
	}

	/** Replaces the first output's postprocessing. */
	public ModelDescriptor withPostprocessing(Transformation... steps) {
		List<TensorDescription> out = new ArrayList<>(outputs);
		out.set(0, out.get(0).withPostprocessing(List.of(steps)));
		return withOutputs(out);
	}

	/** Sets the halo of the first output's space axes. */
	public ModelDescriptor withHalo(int halo) {
		List<TensorDescription> out = new ArrayList<>(outputs);
		List<Axis> axes = new ArrayList<>();
		for (Axis a : out.get(0).axes()) axes.add(a.type() == AxisType.SPACE ? a.withHalo(halo) : a);
		out.set(0, out.get(0).withAxes(axes));
		return withOutputs(out);
	}

	/**
	 * A description for a bare {@code .onnx}: tensor names, ranks and fixed sizes from the model; axes by rank
	 * (2: y,x; 3: channel,y,x; 4: batch,channel,y,x; 5: batch,channel,z,y,x); dynamic spatial sizes free from 1 in
	 * steps of 1; no halo; no processing.
	 */
	public static ModelDescriptor forOnnx(Path onnx) {
		try (OnnxSession s = OnnxSession.open(onnx, 1)) {
			List<TensorDescription> in = new ArrayList<>(), out = new ArrayList<>();
			for (OnnxValueInfo v : s.inputs()) in.add(defaultDescription(v, onnx));
			for (OnnxValueInfo v : s.outputs()) out.add(defaultDescription(v, onnx));
			String name = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
			return new ModelDescriptor(name, null, onnx, onnx, null, in, out, List.of(), List.of());
		}
	}

	/** The axes a bare {@code .onnx} tensor of this rank is taken to have (2: y,x; … 5: batch,channel,z,y,x), or null. */
	static List<String> defaultAxisIds(int rank) {
		return switch (rank) {
		case 2 -> List.of("y", "x");
		case 3 -> List.of("channel", "y", "x");
		case 4 -> List.of("batch", "channel", "y", "x");
		case 5 -> List.of("batch", "channel", "z", "y", "x");
		default -> null;
		};
	}

	static TensorDescription defaultDescription(OnnxValueInfo v, Path file) {
		long[] shape = v.shape();
		List<String> ids = defaultAxisIds(shape.length);
		if (ids == null) throw new ModelFormatException(file + ": tensor " + v + " has rank " + shape.length
				+ "; give its axes yourself (defaults exist for ranks 2 to 5)");
		List<Axis> axes = new ArrayList<>();
		for (int i = 0; i < shape.length; i++) {
			String id = ids.get(i);
			AxisType type = id.equals("batch") ? AxisType.BATCH : id.equals("channel") ? AxisType.CHANNEL : AxisType.SPACE;
			axes.add(shape[i] >= 0 ? Axis.fixed(id, type, (int) shape[i]) : Axis.free(id, type, 1, 1));
		}
		return new TensorDescription(v.name(), axes, List.of(), List.of());
	}

	@Override
	public String toString() {
		return "Model '" + name + "' (" + weights + "): inputs " + inputs + ", outputs " + outputs;
	}
}
