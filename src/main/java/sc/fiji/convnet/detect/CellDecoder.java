package sc.fiji.convnet.detect;

import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Turns a fully convolutional detector's output, one cell per {@link #stride()} input pixels, into
 * boxes in input pixels before non-max suppression: the {@link GridDecoder} (one box per cell) or the
 * {@link CentreDecoder} (one box per heat-map peak). Chosen by {@code config: convnet: decoder:}.
 */
public interface CellDecoder {

	/** Boxes of sample {@code n} scoring at least {@code minScore}. */
	List<Box> decode(Tensor output, int n, double minScore);

	int stride();

	List<String> classes();

	/** A few words for messages, e.g. "grid detector, stride 16". */
	String describe();
}
