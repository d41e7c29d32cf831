package sc.fiji.convnet.engine.nets;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.layers.Activation;
import sc.fiji.convnet.engine.layers.AvgPool2d;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.Flatten;
import sc.fiji.convnet.engine.layers.Linear;

/**
 * LeNet-5 (LeCun et al. 1998; Bishop §10.2.6) for 32×32 inputs: C1 conv 5×5 → 6, S2 average-pool 2,
 * C3 conv 5×5 → 16, S4 average-pool 2, C5 16·5·5 → 120, F6 120 → 84, output 84 → classes, with tanh.
 * (C3 is fully connected across channels, as in most modern re-implementations.)
 */
public final class LeNet5 {

	private LeNet5() {}

	public static Network build(int inChannels, int classes, long seed) {
		NetworkBuilder b = new NetworkBuilder(inChannels).seed(seed);
		b.then(new Conv2d(inChannels, 6, 5).named("c1"));
		b.then(Activation.tanh().named("c1_tanh"));
		b.then(new AvgPool2d(2).named("s2"));
		b.then(new Conv2d(6, 16, 5).named("c3"));
		b.then(Activation.tanh().named("c3_tanh"));
		b.then(new AvgPool2d(2).named("s4"));
		b.then(new Flatten().named("flatten"));
		b.then(new Linear(16 * 5 * 5, 120).named("c5"));
		b.then(Activation.tanh().named("c5_tanh"));
		b.then(new Linear(120, 84).named("f6"));
		b.then(Activation.tanh().named("f6_tanh"));
		b.then(new Linear(84, classes).named("output"));
		return b.build();
	}
}
