package sc.fiji.convnet.detect.train;

import sc.fiji.convnet.detect.GridLayout;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.engine.layers.ReLU;

/**
 * A small fully convolutional grid detector (Bishop 10.4.3, Fig. 10.23): a strided 3×3 conv, then
 * conv-BN-ReLU blocks with 2×2 max pooling down to stride 16, two more 3×3 blocks for context, and a 1×1
 * head with the {@link GridLayout}'s channels (objectness, class logits, b_x, b_y, b_W, b_H) per cell.
 */
public final class GridDetectorNet {

	private GridDetectorNet() {}

	public static final int STRIDE = 16;

	public static Network build(GridLayout layout, int width, long seed) {
		if (layout.stride() != STRIDE) throw new IllegalArgumentException("GridDetectorNet: built for stride " + STRIDE + ", layout has " + layout.stride());
		NetworkBuilder b = new NetworkBuilder(3).seed(seed).sizeMultiple(STRIDE);
		int w1 = width, w2 = width * 3 / 2, w3 = width * 2, w4 = width * 3, w5 = width * 4;
		block(b, 3, w1, 2);                                    // /2
		block(b, w1, w2, 1); b.then(new MaxPool2d(2));          // /4
		block(b, w2, w3, 1); b.then(new MaxPool2d(2));          // /8
		block(b, w3, w4, 1); b.then(new MaxPool2d(2));          // /16
		block(b, w4, w5, 1);
		block(b, w5, w5, 1);
		b.then(new Conv2d(w5, layout.channels(), 1));
		return b.build();
	}

	private static void block(NetworkBuilder b, int cin, int cout, int stride) {
		b.then(new Conv2d(cin, cout, 3).stride(stride).padding(1).bias(false));
		b.then(new BatchNorm2d(cout));
		b.then(new ReLU());
	}
}
