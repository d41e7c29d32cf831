package sc.fiji.convnet.engine;

import java.util.ArrayList;
import java.util.List;

import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.ReLU;

/**
 * A copy of a network for prediction only: a batch normalization right after a convolution is folded into the
 * convolution's weights and bias ({@link BatchNormFold}), and a ReLU after such a convolution into the convolution
 * ({@link Conv2d#relu(boolean)}), wherever nothing else reads the convolution's output. Inference outputs are those
 * of the original (running statistics are constants there), with two passes over memory fewer per block; training
 * and per-layer views need the original, whose layers this copy no longer has. The copy's convolutions keep their
 * weights packed for the kernels ({@link Network#constantWeights()}).
 */
public final class InferenceFolding {

	private InferenceFolding() {}

	/** The folded copy; {@code net} itself is not changed. */
	public static Network of(Network net) {
		Network copy = net.copy();
		List<Layer> layers = copy.layers();
		int n = layers.size();
		int[] readers = new int[n + 1];
		for (int k = 1; k <= n; k++)
			for (int i : copy.inputsOf(k)) readers[i]++;
		int[] node = new int[n + 1]; // what each original node became: itself, or the convolution it was folded into
		boolean[] gone = new boolean[n + 1];
		for (int k = 0; k <= n; k++) node[k] = k;
		for (int k = 1; k < n; k++) { // the last layer stays: it gives the network's output
			int[] in = copy.inputsOf(k);
			if (in.length != 1) continue;
			int c = node[in[0]];
			if (c == 0 || readers[in[0]] != 1 || !(layers.get(c - 1) instanceof Conv2d conv) || conv.relu()) continue;
			Layer l = layers.get(k - 1);
			if (l instanceof BatchNorm2d bn && bn.parameters().get(0).size() == conv.outChannels()) BatchNormFold.fold(conv, bn);
			else if (l instanceof ReLU) conv.relu(true);
			else continue;
			gone[k] = true;
			node[k] = c;
			readers[in[0]] = readers[k]; // the convolution's output now goes where this layer's went
		}
		int[] index = new int[n + 1]; // new node numbers
		List<Layer> kept = new ArrayList<>();
		List<int[]> inputs = new ArrayList<>();
		for (int k = 1; k <= n; k++) {
			if (gone[k]) continue;
			int[] in = copy.inputsOf(k);
			for (int j = 0; j < in.length; j++) in[j] = index[node[in[j]]];
			kept.add(layers.get(k - 1));
			inputs.add(in);
			index[k] = kept.size();
		}
		return new Network(kept, inputs, copy.inputChannels(), copy.sizeMultiple()).constantWeights(); // nothing trains this copy
	}
}
