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

	/** Checks that {@code output} is N×channels×H×W and holds sample {@code n}; {@code meaning} names the channels. */
	static void requireOutput(String decoder, Tensor output, int n, int channels, String meaning) {
		output.requireRank(4);
		if (output.c() != channels)
			throw new IllegalArgumentException(decoder + ": output " + output.shapeString() + " has " + output.c() + " channels, the layout needs "
					+ channels + " (" + meaning + ")");
		if (n < 0 || n >= output.n()) throw new IllegalArgumentException(decoder + ": sample " + n + " outside output " + output.shapeString());
	}
}
