package sc.fiji.convnet.engine;

import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.Linear;

/**
 * The cost of one forward pass in multiply-adds: every convolution output value takes
 * C_in/groups·KH·KW of them, every fully connected output C_in; other layers (normalisation,
 * activations, pooling, sums) are counted as free, being a few operations per value.
 */
public final class MultiplyAdds {

	private MultiplyAdds() {}

	/** Multiply-adds of one forward pass of {@code net} on an input of this shape (N×C×H×W). */
	public static long of(Network net, int... inputShape) {
		int[][] shapes = net.shapes(inputShape);
		long total = 0;
		for (int k = 1; k <= net.layers().size(); k++) {
			Layer l = net.layers().get(k - 1);
			int[] out = shapes[k];
			if (l instanceof Conv2d c) total += (long) out[0] * out[2] * out[3] * c.weight().size();
			else if (l instanceof Linear f) total += (long) out[0] * f.weight().size();
		}
		return total;
	}
}
