package sc.fiji.convnet.engine.nets;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.layers.AdaptivePool2d;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.Dropout;
import sc.fiji.convnet.engine.layers.Flatten;
import sc.fiji.convnet.engine.layers.Linear;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.engine.layers.ReLU;

/**
 * AlexNet (Krizhevsky et al. 2012; Bishop §10.3) in its single-tower form (as torchvision): an 11×11
 * stride-4 convolution, 5×5 and three 3×3 convolutions with overlapping 3×3 stride-2 max-pooling, an
 * adaptive 6×6 average pool, and three fully connected layers with dropout. For 224×224×3 inputs.
 */
public final class AlexNet {

	private AlexNet() {}

	public static Network build(int inChannels, int classes, long seed) {
		NetworkBuilder b = new NetworkBuilder(inChannels).seed(seed);
		b.then(new Conv2d(inChannels, 64, 11).stride(4).padding(2).named("conv1"));
		b.then(new ReLU());
		b.then(new MaxPool2d(3, 3, 2, 2).named("pool1"));
		b.then(new Conv2d(64, 192, 5).padding(2).named("conv2"));
		b.then(new ReLU());
		b.then(new MaxPool2d(3, 3, 2, 2).named("pool2"));
		b.then(new Conv2d(192, 384, 3).padding(1).named("conv3"));
		b.then(new ReLU());
		b.then(new Conv2d(384, 256, 3).padding(1).named("conv4"));
		b.then(new ReLU());
		b.then(new Conv2d(256, 256, 3).padding(1).named("conv5"));
		b.then(new ReLU());
		b.then(new MaxPool2d(3, 3, 2, 2).named("pool5"));
		b.then(AdaptivePool2d.average(6, 6).named("avgpool"));
		b.then(new Flatten());
		b.then(new Dropout(0.5, seed + 1));
		b.then(new Linear(256 * 6 * 6, 4096).heInit().named("fc6"));
		b.then(new ReLU());
		b.then(new Dropout(0.5, seed + 2));
		b.then(new Linear(4096, 4096).heInit().named("fc7"));
		b.then(new ReLU());
		b.then(new Linear(4096, classes).named("fc8"));
		return b.build();
	}
}
