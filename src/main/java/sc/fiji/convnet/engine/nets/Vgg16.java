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
 * VGG-16 (Simonyan &amp; Zisserman 2015; Bishop §10.3, Fig. 10.10): thirteen 3×3 "same" convolutions
 * in five blocks (64, 128, 256, 512, 512 channels), a 2×2 max-pool after each block, an adaptive 7×7
 * average pool (the identity for 224×224 inputs), and three fully connected layers 25088 → 4096 →
 * 4096 → classes. With 3 input channels and 1000 classes it has 138,357,544 parameters, which are
 * allocated only when first used.
 */
public final class Vgg16 {

	private static final int[][] BLOCKS = { { 64, 64 }, { 128, 128 }, { 256, 256, 256 }, { 512, 512, 512 }, { 512, 512, 512 } };

	private Vgg16() {}

	public static Network build(int inChannels, int classes, long seed) {
		NetworkBuilder b = new NetworkBuilder(inChannels).seed(seed);
		int c = inChannels;
		for (int block = 0; block < BLOCKS.length; block++) {
			for (int i = 0; i < BLOCKS[block].length; i++) {
				b.then(new Conv2d(c, BLOCKS[block][i], 3).padding(1).named("conv" + (block + 1) + "_" + (i + 1)));
				b.then(new ReLU().named("relu" + (block + 1) + "_" + (i + 1)));
				c = BLOCKS[block][i];
			}
			b.then(new MaxPool2d(2).named("pool" + (block + 1)));
		}
		b.then(AdaptivePool2d.average(7, 7).named("avgpool"));
		b.then(new Flatten().named("flatten"));
		b.then(new Linear(512 * 7 * 7, 4096).heInit().named("fc6"));
		b.then(new ReLU().named("relu6"));
		b.then(new Dropout(0.5, seed + 1).named("drop6"));
		b.then(new Linear(4096, 4096).heInit().named("fc7"));
		b.then(new ReLU().named("relu7"));
		b.then(new Dropout(0.5, seed + 2).named("drop7"));
		b.then(new Linear(4096, classes).named("fc8"));
		return b.build();
	}
}
