package sc.fiji.convnet.segment.train;

import java.util.List;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.nets.UNet;

/**
 * Gives a trained three-class nuclei U-Net a fourth output, the normalised distance ({@link DistanceTarget}): a copy
 * of the network whose 1×1 head has one more output channel. Every other weight and the three class outputs are
 * copied, so the widened network segments exactly as before; the distance channel starts from small random weights
 * and is learnt by fine-tuning.
 */
public final class DistanceHead {

	static final String HEAD = "head";

	private DistanceHead() {}

	/** The number of output channels of a U-Net built by {@link UNet} (its head's output channels). */
	public static int outputs(Network net) {
		return headWeight(net).shape()[0];
	}

	public static Network widen(Network threeClass, long seed) {
		if (outputs(threeClass) != 3) throw new IllegalArgumentException("DistanceHead: the network has " + outputs(threeClass) + " outputs, not three classes");
		return copyInto(threeClass, 4, seed);
	}

	/** The three-class network inside one with the distance output: the same weights, the distance channel left out. */
	public static Network classesOnly(Network withDistance) {
		if (outputs(withDistance) != 4) throw new IllegalArgumentException("DistanceHead: the network has " + outputs(withDistance) + " outputs, not four");
		return copyInto(withDistance, 3, 0);
	}

	/** A U-Net of the same depth and width with {@code outputs} head channels, the shared ones copied from {@code net}. */
	private static Network copyInto(Network net, int outputs, long seed) {
		int depth = Integer.numberOfTrailingZeros(net.sizeMultiple());
		int width = net.allParameters().get(0).shape()[0];
		Network wide = UNet.builder().inChannels(net.inputChannels()).classes(outputs).depth(depth).baseWidth(width).seed(seed).build();
		List<Layer> from = net.layers(), to = wide.layers();
		if (from.size() != to.size()) throw new IllegalArgumentException("DistanceHead: the network is not a U-Net of depth " + depth + " and width " + width);
		for (int k = 0; k < to.size(); k++) {
			List<Parameter> ps = to.get(k).parameters(), qs = from.get(k).parameters();
			if (!to.get(k).name().equals(from.get(k).name()) || ps.size() != qs.size())
				throw new IllegalArgumentException("DistanceHead: layer " + from.get(k).name() + " is not the U-Net's " + to.get(k).name());
			for (int j = 0; j < ps.size(); j++) {
				Parameter p = ps.get(j), q = qs.get(j);
				float[] source = q.value().data();
				if (p.size() == q.size()) p.set(source);
				else if (to.get(k).name().equals(HEAD)) {
					float[] values = p.value().data().clone(); // a new channel's initial weights come last
					System.arraycopy(source, 0, values, 0, Math.min(source.length, values.length));
					p.set(values);
				} else throw new IllegalArgumentException("DistanceHead: parameter " + p.name() + " of " + to.get(k).name() + " differs in shape");
			}
		}
		return wide;
	}

	private static Parameter headWeight(Network net) {
		Layer head = net.layers().get(net.layers().size() - 1);
		if (!head.name().equals(HEAD) || head.parameters().isEmpty())
			throw new IllegalArgumentException("DistanceHead: the network's last layer is not a U-Net's 1×1 head");
		return head.parameters().get(0);
	}
}
