package sc.fiji.convnet.predict;

import sc.fiji.convnet.engine.InferenceFolding;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The pure-Java backend: our own engine runs the network (inference mode), as a copy with batch normalization and
 * ReLU folded into the convolutions before them ({@link InferenceFolding}); the network given stays as it is.
 */
public final class EnginePredictor implements Predictor {

	private final Network network;
	private final String name;

	public EnginePredictor(Network network, String name) {
		this.network = InferenceFolding.of(network);
		this.name = name;
	}

	@Override
	public Tensor predict(Tensor input) { return network.forward(input); }

	@Override
	public int sizeMultiple() { return network.sizeMultiple(); }

	@Override
	public int halo() {
		// the receptive field's radius, rounded up to the size multiple so tiles stay aligned
		int radius = (int) Math.ceil(network.receptiveField().size() / 2);
		int m = Math.max(1, network.sizeMultiple());
		return (radius + m - 1) / m * m;
	}

	/**
	 * 1024 × 1024: the engine holds its activations on the Java heap (a U-Net's first level alone is
	 * channels × pixels floats), which in Fiji is smaller than the native memory ONNX Runtime may use.
	 */
	@Override
	public long tilePixels() { return 1024L * 1024; }

	/** The engine runs any batch size; memory grows with it. */
	@Override
	public int maxBatch() { return Integer.MAX_VALUE; }

	@Override
	public String describe() { return "ConvNet engine, " + name; }
}
