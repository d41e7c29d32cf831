package sc.fiji.convnet.explain.train;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.Flatten;
import sc.fiji.convnet.engine.layers.GlobalAvgPool2d;
import sc.fiji.convnet.engine.layers.Linear;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.engine.layers.ReLU;

/**
 * The cell-type classifier: conv-BN-ReLU blocks with three 2×2 max pools (stride 8), global average pooling and
 * a linear head (Bishop §10.2.8). Everything before the pooling is convolutional, so the network takes images of
 * any size: a 64×64 crop for training, a whole 640×480 smear for Grad-CAM on {@code conv5}, its last convolution.
 * Receptive field of conv5: 54 pixels.
 */
public final class CellClassifierNet {

	private CellClassifierNet() {}

	public static final int STRIDE = 8;
	public static final String LAST_CONV = "conv5";

	public static Network build(int width, int classes, long seed) {
		NetworkBuilder b = new NetworkBuilder(3).seed(seed).sizeMultiple(STRIDE);
		block(b, 1, 3, width);
		b.then(new MaxPool2d(2).named("pool1"));
		block(b, 2, width, width * 2);
		b.then(new MaxPool2d(2).named("pool2"));
		block(b, 3, width * 2, width * 4);
		b.then(new MaxPool2d(2).named("pool3"));
		block(b, 4, width * 4, width * 4);
		block(b, 5, width * 4, width * 4);
		b.then(new GlobalAvgPool2d().named("gap"));
		b.then(new Flatten().named("flatten"));
		b.then(new Linear(width * 4, classes).named("scores"));
		return b.build();
	}

	private static void block(NetworkBuilder b, int k, int cin, int cout) {
		b.then(new Conv2d(cin, cout, 3).padding(1).bias(false).named("conv" + k));
		b.then(new BatchNorm2d(cout).named("bn" + k));
		b.then(new ReLU().named("relu" + k));
	}
}
