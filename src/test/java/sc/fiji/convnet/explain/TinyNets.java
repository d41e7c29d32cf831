package sc.fiji.convnet.explain;

import java.util.SplittableRandom;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.layers.Activation;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.Flatten;
import sc.fiji.convnet.engine.layers.GlobalAvgPool2d;
import sc.fiji.convnet.engine.layers.Linear;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.tensor.Tensor;

/** Small networks whose behaviour is known, for the explain tests. */
public final class TinyNets {

	static final float BIAS = -0.1f, HEAD = 4f;

	private TinyNets() {}

	/**
	 * Channel 0 of "conv" is a 3×3 box mean (bright blobs), channel 1 its negative (dark blobs), both with
	 * bias −0.1; then "relu", global average pooling and a diagonal head: class 0 = bright, class 1 = dark.
	 */
	public static Network blobDetector() {
		NetworkBuilder b = new NetworkBuilder(1).seed(1);
		Conv2d conv = new Conv2d(1, 2, 3).padding(1).named("conv");
		b.then(conv);
		b.then(new ReLU().named("relu"));
		b.then(new GlobalAvgPool2d().named("gap"));
		b.then(new Flatten().named("flatten"));
		Linear head = new Linear(2, 2).named("head");
		b.then(head);
		Network net = b.build();
		float[] w = new float[18];
		for (int i = 0; i < 9; i++) { w[i] = 1f / 9; w[9 + i] = -1f / 9; }
		conv.weight().set(w);
		conv.biasParameter().set(new float[] { BIAS, BIAS });
		head.weight().set(new float[] { HEAD, 0, 0, HEAD });
		head.biasParameter().set(new float[] { 0, 0 });
		return net;
	}

	/** A 1×1×h×w image of zeros with a 3×3 square of {@code value} centred at (x, y). */
	static Tensor square(int h, int w, int x, int y, float value) {
		Tensor t = Tensor.zeros(1, 1, h, w);
		paint(t, x, y, value);
		return t;
	}

	static void paint(Tensor t, int x, int y, float value) {
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) t.set(value, 0, 0, y + dy, x + dx);
	}

	/** A random classifier with pooling and nonlinearities after the layers Grad-CAM looks at. */
	static Network randomClassifier(long seed, int classes) { return randomClassifier(seed, classes, true); }

	/** With {@code tanh} false, ReLU replaces the tanh: the scores are unbounded in the image. */
	public static Network randomClassifier(long seed, int classes, boolean tanh) {
		NetworkBuilder b = new NetworkBuilder(1).seed(seed);
		b.then(new Conv2d(1, 4, 3).padding(1).named("conv1"));
		b.then(new ReLU().named("relu1"));
		b.then(new MaxPool2d(2).named("pool1"));
		b.then(new Conv2d(4, 6, 3).padding(1).named("conv2"));
		b.then(tanh ? Activation.tanh().named("tanh2") : new ReLU().named("relu2"));
		b.then(new Conv2d(6, 5, 3).padding(1).named("conv3"));
		b.then(new ReLU().named("relu3"));
		b.then(new GlobalAvgPool2d().named("gap"));
		b.then(new Flatten().named("flatten"));
		b.then(new Linear(5, 8).named("fc1"));
		b.then(new ReLU().named("relu4"));
		b.then(new Linear(8, classes).named("fc2"));
		Network net = b.build();
		// biases away from zero so that ReLUs are neither all on nor all off
		SplittableRandom r = new SplittableRandom(seed + 7);
		net.layers().forEach(l -> l.parameters().forEach(p -> {
			if (p.name().equals("bias")) {
				float[] v = new float[(int) p.size()];
				for (int i = 0; i < v.length; i++) v[i] = (float) (0.3 * r.nextDouble() - 0.1);
				p.set(v);
			}
		}));
		return net;
	}

	public static Tensor random(long seed, int... shape) {
		SplittableRandom r = new SplittableRandom(seed);
		Tensor t = Tensor.zeros(shape);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) (2 * r.nextDouble() - 1);
		return t;
	}
}
