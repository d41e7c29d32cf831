package sc.fiji.convnet.onnx.imports;

import java.util.Arrays;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * An ONNX model imported into the engine: the {@link Network} and how ONNX tensors map onto it.
 * <p>
 * The engine's network takes N×C×H×W; an ONNX input of another rank is fed as a 4-D view of the same values
 * (N×C×L as N×C×1×L, N×F as N×F×1×1), and the network's output is reshaped back to the ONNX output shape.
 * The imported layers are ordinary engine layers, so {@link #inputGradient} and training work as for any network.
 * A fully convolutional 4-D model also runs on other H×W than the one it was imported for.
 */
public final class ImportedModel {

	private final Network network;
	private final String inputName, outputName;
	private final int[] inputShape, engineInputShape, outputShape;
	private final long opset;

	ImportedModel(Network network, String inputName, int[] inputShape, int[] engineInputShape, String outputName, int[] outputShape, long opset) {
		this.network = network;
		this.inputName = inputName;
		this.inputShape = inputShape.clone();
		this.engineInputShape = engineInputShape.clone();
		this.outputName = outputName;
		this.outputShape = outputShape.clone();
		this.opset = opset;
	}

	public Network network() { return network; }
	public String inputName() { return inputName; }
	public String outputName() { return outputName; }
	/** The ONNX input shape the model was imported for. */
	public int[] inputShape() { return inputShape.clone(); }
	/** The ONNX output shape for {@link #inputShape()}. */
	public int[] outputShape() { return outputShape.clone(); }
	public long opset() { return opset; }

	/** Runs the imported network (inference statistics) on an ONNX-shaped input. */
	public Tensor run(Tensor input) { return forward(input, Phase.INFERENCE); }

	public Tensor forward(Tensor input, Phase phase) {
		if (Arrays.equals(input.shape(), inputShape)) {
			Tensor y = network.forward(input.reshape(engineInputShape), phase);
			return y.reshape(outputShape);
		}
		if (input.rank() == 4 && inputShape.length == 4 && outputShape.length == 4)
			return network.forward(input, phase); // fully convolutional: any H×W the layers accept
		throw new IllegalArgumentException("ImportedModel '" + inputName + "': imported for input " + Arrays.toString(inputShape)
				+ ", got " + input.shapeString() + "; import again with OnnxImporter.load(file, shape)");
	}

	/** ∂(Σ gradOutput·output)/∂input, shaped like the input (parameter gradients accumulate as a side effect). */
	public Tensor inputGradient(Tensor input, Tensor gradOutput) {
		boolean same = Arrays.equals(input.shape(), inputShape);
		Tensor in = same ? input.reshape(engineInputShape) : input;
		Tensor out = network.forward(in, Phase.EVAL_WITH_GRADIENTS);
		Tensor g = network.backward(gradOutput.reshape(out.shape()));
		network.clearCaches();
		return g.reshape(input.shape());
	}

	@Override
	public String toString() {
		return "ImportedModel " + inputName + Arrays.toString(inputShape) + " → " + outputName + Arrays.toString(outputShape) + ", opset " + opset
				+ ", " + network.layers().size() + " layers, " + network.parameterCount() + " parameters";
	}
}
