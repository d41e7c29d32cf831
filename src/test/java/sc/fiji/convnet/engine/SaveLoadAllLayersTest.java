package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.layers.*;
import sc.fiji.convnet.tensor.Tensor;

/** A network that uses every layer type survives save and load with bit-identical outputs. */
class SaveLoadAllLayersTest {

	@Test
	void everyLayerTypeRoundTrips(@TempDir Path dir) throws Exception {
		NetworkBuilder b = new NetworkBuilder(2).seed(4);
		int c1 = b.then(new Conv2d(2, 4, 3).padding(1, 0, 1, 2).dilation(1, 1).paddingMode(Conv2d.PaddingMode.REFLECT).named("c1"));
		b.then(new BatchNorm2d(4));
		int pr = b.then(new PReLU(4));
		MaxPool2d pool = new MaxPool2d(2).named("pool");
		int p = b.then(pool);
		int up = b.then(new ConvTranspose2d(4, 4, 2).stride(2).groups(2));
		int un = b.add(new MaxUnpool2d(pool), p);
		int add = b.add(Elementwise.add(), up, un, pr);
		int mul = b.add(Elementwise.mul(), add, c1);
		int sub = b.add(Elementwise.sub(), mul, add);
		b.add(new Concat(), sub, c1);
		b.then(Activation.elu(0.7));
		b.then(Activation.leakyRelu(0.05));
		b.then(new ChannelMaxPool(2));
		b.then(new AvgPool2d(3, 3, 1, 1).padding(1, 1).countIncludePad(false));
		b.then(new UpsampleNearest(2));
		b.then(ResizeBilinear.scale(0.5, 0.5));
		b.then(Activation.selu());
		b.then(AdaptivePool2d.max(4, 4));
		b.then(AdaptivePool2d.average(2, 2));
		b.then(new Dropout(0.2, 1));
		b.then(new Flatten());
		b.then(new Linear(16, 6));
		b.then(new Reshape(3, 2, 1));
		b.then(Activation.tanh());
		b.then(Activation.sigmoid());
		b.then(new Conv2d(3, 3, 1).groups(3).bias(false));
		b.then(Softmax.logSoftmax());
		int sm = b.then(Softmax.softmax());
		int gap = b.add(new GlobalAvgPool2d(), sm);
		b.add(new ReLU(), gap);
		Network net = b.build();
		Tensor x = GradCheck.random(new SplittableRandom(1), 2, 2, 8, 8);
		net.forward(x, Phase.TRAINING); // moves the running statistics
		Tensor before = net.forward(x);
		Path f = dir.resolve("all.cnet");
		net.save(f);
		Network back = Network.load(f);
		assertArrayEquals(before.data(), back.forward(x).data());
		assertEquals(net.layers().size(), back.layers().size());
		for (int i = 0; i < net.layers().size(); i++) {
			assertEquals(net.layers().get(i).type(), back.layers().get(i).type());
			assertEquals(net.layers().get(i).config(), back.layers().get(i).config());
		}
	}
}
