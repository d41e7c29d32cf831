package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.layers.*;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.tensor.Tensor;

/** Wrong shapes, empty tensors, oversized kernels, NaN and broken files fail loudly, naming what and where. */
class BadInputTest {

	private static void failsMentioning(Executable e, String... words) {
		Exception ex = assertThrows(Exception.class, e);
		for (String w : words) assertTrue(ex.getMessage().contains(w), "message '" + ex.getMessage() + "' lacks '" + w + "'");
	}

	@Test
	void shapeMismatches() {
		failsMentioning(() -> new Concat().named("skip").forward(new Tensor[] { Tensor.zeros(1, 2, 4, 4), Tensor.zeros(1, 2, 4, 5) }, Phase.INFERENCE),
				"Concat", "skip", "[1, 2, 4, 5]");
		failsMentioning(() -> Elementwise.add().forward(new Tensor[] { Tensor.zeros(1, 2), Tensor.zeros(1, 3) }, Phase.INFERENCE), "Add", "[1, 3]");
		failsMentioning(() -> new Linear(10, 2).named("fc").forward(Tensor.zeros(1, 3, 2, 2), Phase.INFERENCE), "fc", "[1, 3, 2, 2]", "Flatten");
		failsMentioning(() -> new BatchNorm2d(4).forward(Tensor.zeros(1, 3, 2, 2), Phase.INFERENCE), "BatchNorm2d", "4 input channels", "[1, 3, 2, 2]");
		failsMentioning(() -> new Conv2d(3, 4, 3).forward(Tensor.zeros(3, 4, 4), Phase.INFERENCE), "Conv2d", "[3, 4, 4]");
		failsMentioning(() -> new Reshape(5).forward(Tensor.zeros(2, 6), Phase.INFERENCE), "Reshape", "[2, 6]");
		failsMentioning(() -> new ChannelMaxPool(4).forward(Tensor.zeros(1, 6, 2, 2), Phase.INFERENCE), "ChannelMaxPool", "6 channels");
		failsMentioning(() -> UNet.builder().inChannels(2).build().forward(Tensor.zeros(1, 1, 16, 16)), "2 input channels", "[1, 1, 16, 16]");
	}

	@Test
	void zeroSizeInputs() {
		failsMentioning(() -> new Conv2d(1, 1, 1).forward(Tensor.zeros(1, 1, 0, 4), Phase.INFERENCE), "Conv2d", "zero-size", "[1, 1, 0, 4]");
		failsMentioning(() -> new MaxPool2d(2).forward(Tensor.zeros(0, 1, 4, 4), Phase.INFERENCE), "MaxPool2d", "[0, 1, 4, 4]");
	}

	@Test
	void kernelLargerThanPaddedInput() {
		failsMentioning(() -> new Conv2d(1, 1, 5).padding(1).named("wide").forward(Tensor.zeros(1, 1, 2, 2), Phase.INFERENCE), "wide", "larger", "[1, 1, 2, 2]");
		failsMentioning(() -> new MaxPool2d(3).forward(Tensor.zeros(1, 1, 2, 2), Phase.INFERENCE), "MaxPool2d", "larger");
		failsMentioning(() -> new AvgPool2d(3).forward(Tensor.zeros(1, 1, 2, 2), Phase.INFERENCE), "AvgPool2d", "larger");
	}

	@Test
	void nanIsCaught() {
		Network net = UNet.builder().depth(1).baseWidth(2).build();
		Tensor x = Tensor.zeros(1, 1, 4, 4);
		x.data()[3] = Float.NaN;
		failsMentioning(() -> net.forward(x), "NaN", "[1, 1, 4, 4]");
		// with checking on, the first layer to produce a non-finite value is named
		NetworkBuilder b = new NetworkBuilder(1);
		b.then(new Conv2d(1, 1, 1).named("first"));
		b.then(Elementwise.add().named("boom"));
		Network n2 = b.build().checkFinite(true);
		((Conv2d) n2.layers().get(0)).weight().value().fill(Float.MAX_VALUE);
		failsMentioning(() -> n2.forward(Tensor.zeros(1, 1, 2, 2).fill(10f)), "first", "Infinity");
		Tensor labels = Tensor.zeros(1, 2, 2);
		labels.data()[0] = Float.NaN;
		failsMentioning(() -> new sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy().forward(Tensor.zeros(1, 3, 2, 2), labels), "SoftmaxCrossEntropy", "NaN");
	}

	@Test
	void badConfigurations() {
		failsMentioning(() -> new Conv2d(3, 4, 3).groups(2), "groups", "C_in=3");
		failsMentioning(() -> new NetworkBuilder(1).add(new ReLU(), 3), "node 3");
		failsMentioning(() -> new Dropout(1.0, 1), "Dropout");
	}

	@Test
	void brokenFiles(@TempDir Path dir) throws Exception {
		Path notOurs = dir.resolve("x.cnet");
		Files.writeString(notOurs, "hello world, not a network");
		failsMentioning(() -> Network.load(notOurs), "x.cnet", "CONVNET1");
	}
}
