package sc.fiji.convnet.predict;

import sc.fiji.convnet.tensor.Tensor;

/**
 * A backend that maps a normalised N×C×H×W tensor to N×K×H×W output maps: our engine or ONNX
 * Runtime. Tiling, normalisation and decoding happen around it, the same for every backend.
 */
public interface Predictor extends AutoCloseable {

	Tensor predict(Tensor input);

	/** The same, reporting progress within the call where the backend has steps (e.g. views) and stopping on cancel. */
	default Tensor predict(Tensor input, Progress progress) {
		if (progress.cancelled()) throw new CancelledException();
		Tensor out = predict(input);
		progress.update(1, 1);
		return out;
	}

	/** Input height and width must be multiples of this (e.g. 2^depth for a U-Net). */
	default int sizeMultiple() { return 1; }

	/** Input height and width the model requires exactly (tiles are padded to it), 0 when free. */
	default int fixedSize() { return 0; }

	/** Pixels of context each output pixel depends on, per side: the default tile halo. */
	default int halo() { return 32; }

	/**
	 * Largest input, in pixels (tile width × height, halo included), this backend runs comfortably in one
	 * call: the automatic tile budget. An image within it is predicted as one tile, without any halo.
	 */
	default long tilePixels() { return TileGrid.DEFAULT_TILE_PIXELS; }

	/** Most tiles one {@link #predict} call accepts (N of N×C×H×W); 1 unless the backend says more. */
	default int maxBatch() { return 1; }

	/** A short name for logs: the backend and the model. */
	String describe();

	@Override
	default void close() {}
}
