package sc.fiji.convnet.onnx.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * An ONNX model imported into the engine: the {@link Network} and how ONNX tensors map onto it.
 * <p>
 * The engine's network takes N×C×H×W; an ONNX input of another rank is fed as a 4-D view of the same values
 * (N×C×L as N×C×1×L, N×F as N×F×1×1), and the network's output is reshaped back to the ONNX output shape.
 * A model with several inputs (or one of rank below 2) takes them packed one after the other in a 1×1×1×total
 * tensor that its first layers slice apart; a model with several outputs gives them packed the same way.
 * {@link #run(Map)} does the packing. The imported layers are ordinary engine layers, so {@link #inputGradient} and
 * training work as for any network. A fully convolutional 4-D model also runs on other H×W than the one it was
 * imported for.
 */
public final class ImportedModel {

	private final Network network;
	private final List<String> inputNames, outputNames;
	private final List<int[]> inputShapes, outputShapes;
	private final int[] engineInputShape;
	private final long opset;

	ImportedModel(Network network, List<String> inputNames, List<int[]> inputShapes, int[] engineInputShape, List<String> outputNames,
			List<int[]> outputShapes, long opset) {
		this.network = network;
		this.inputNames = List.copyOf(inputNames);
		this.inputShapes = inputShapes.stream().map(int[]::clone).toList();
		this.engineInputShape = engineInputShape.clone();
		this.outputNames = List.copyOf(outputNames);
		this.outputShapes = outputShapes.stream().map(int[]::clone).toList();
		this.opset = opset;
	}

	public Network network() { return network; }
	public List<String> inputNames() { return inputNames; }
	public List<String> outputNames() { return outputNames; }
	public List<int[]> inputShapes() { return inputShapes.stream().map(int[]::clone).toList(); }
	public List<int[]> outputShapes() { return outputShapes.stream().map(int[]::clone).toList(); }
	public long opset() { return opset; }

	public String inputName() { return inputNames.get(single(inputNames, "inputs")); }
	public String outputName() { return outputNames.get(single(outputNames, "outputs")); }
	/** The ONNX input shape the model was imported for. */
	public int[] inputShape() { return inputShapes.get(single(inputNames, "inputs")).clone(); }
	/** The ONNX output shape for {@link #inputShape()}. */
	public int[] outputShape() { return outputShapes.get(single(outputNames, "outputs")).clone(); }

	private int single(List<String> names, String what) {
		if (names.size() != 1) throw new IllegalStateException("ImportedModel has " + names.size() + " " + what + " " + names + "; use run(Map)");
		return 0;
	}

	/** Runs the imported network (inference statistics) on an ONNX-shaped input. */
	public Tensor run(Tensor input) { return forward(input, Phase.INFERENCE); }

	/** Runs a model with any number of inputs (by name) and returns its outputs by name, in the model's order. */
	public Map<String, Tensor> run(Map<String, Tensor> inputs) {
		float[] packed = new float[(int) Tensor.sizeOf(engineInputShape)];
		int at = 0;
		for (int i = 0; i < inputNames.size(); i++) {
			Tensor t = inputs.get(inputNames.get(i));
			if (t == null) throw new IllegalArgumentException("ImportedModel: no value for input '" + inputNames.get(i) + "'; got " + inputs.keySet());
			if (!Arrays.equals(t.shape(), inputShapes.get(i)))
				throw new IllegalArgumentException("ImportedModel: input '" + inputNames.get(i) + "' imported for " + Arrays.toString(inputShapes.get(i)) + ", got " + t.shapeString());
			System.arraycopy(t.data(), 0, packed, at, t.size());
			at += t.size();
		}
		float[] y = network.forward(new Tensor(packed, engineInputShape), Phase.INFERENCE).data();
		Map<String, Tensor> out = new LinkedHashMap<>();
		at = 0;
		for (int k = 0; k < outputNames.size(); k++) {
			int size = (int) Tensor.sizeOf(outputShapes.get(k));
			out.put(outputNames.get(k), new Tensor(Arrays.copyOfRange(y, at, at + size), outputShapes.get(k)));
			at += size;
		}
		return out;
	}

	public Tensor forward(Tensor input, Phase phase) {
		int[] inputShape = inputShape(), outputShape = outputShape();
		if (Arrays.equals(input.shape(), inputShape)) {
			Tensor y = network.forward(input.reshape(engineInputShape), phase);
			return y.reshape(outputShape);
		}
		if (input.rank() == 4 && inputShape.length == 4 && outputShape.length == 4)
			return network.forward(input, phase); // fully convolutional: any H×W the layers accept
		throw new IllegalArgumentException("ImportedModel '" + inputName() + "': imported for input " + Arrays.toString(inputShape)
				+ ", got " + input.shapeString() + "; import again with OnnxImporter.load(file, shape)");
	}

	/** ∂(Σ gradOutput·output)/∂input, shaped like the input (parameter gradients accumulate as a side effect). */
	public Tensor inputGradient(Tensor input, Tensor gradOutput) {
		boolean same = Arrays.equals(input.shape(), inputShape());
		Tensor in = same ? input.reshape(engineInputShape) : input;
		Tensor out = network.forward(in, Phase.EVAL_WITH_GRADIENTS);
		Tensor g = network.backward(gradOutput.reshape(out.shape()));
		network.clearCaches();
		return g.reshape(input.shape());
	}

	@Override
	public String toString() {
		List<String> in = new ArrayList<>(), out = new ArrayList<>();
		for (int i = 0; i < inputNames.size(); i++) in.add(inputNames.get(i) + Arrays.toString(inputShapes.get(i)));
		for (int i = 0; i < outputNames.size(); i++) out.add(outputNames.get(i) + Arrays.toString(outputShapes.get(i)));
		return "ImportedModel " + String.join(", ", in) + " → " + String.join(", ", out) + ", opset " + opset
				+ ", " + network.layers().size() + " layers, " + network.parameterCount() + " parameters";
	}
}
