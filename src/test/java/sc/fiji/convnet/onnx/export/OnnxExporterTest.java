package sc.fiji.convnet.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Concat;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.ConvTranspose2d;
import sc.fiji.convnet.engine.layers.GlobalAvgPool2d;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.engine.layers.UpsampleNearest;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.OnnxValueInfo;
import sc.fiji.convnet.tensor.Tensor;

/** Exported networks compute in ONNX Runtime what the engine computes (inference phase). */
class OnnxExporterTest {

	static final double TOLERANCE = 1e-4;

	@TempDir
	Path dir;

	/** A few Adam steps in the training phase: weights move and the running statistics leave 0 and 1. */
	static void train(Network net, Random r, int steps, int classes, int... inputShape) {
		Trainer t = new Trainer(net, new SoftmaxCrossEntropy(), new Adam(net.parameters(), 1e-2));
		for (int s = 0; s < steps; s++) {
			Tensor x = Parity.random(r, inputShape);
			for (int i = 0; i < x.size(); i++) x.data()[i] = x.data()[i] * 1.5f + 0.7f; // mean and variance ≠ 0, 1
			Tensor target = Tensor.zeros(inputShape[0], inputShape[2], inputShape[3]);
			for (int i = 0; i < target.size(); i++) target.data()[i] = r.nextInt(classes);
			t.step(x, target);
		}
	}

	static void requireNonTrivialStatistics(Network net) {
		int bn = 0;
		for (Layer l : net.layers())
			if (l instanceof BatchNorm2d b) {
				bn++;
				float[] m = b.runningMean().value().data(), v = b.runningVar().value().data();
				boolean moved = false;
				for (int c = 0; c < m.length; c++) moved |= Math.abs(m[c]) > 1e-3 && Math.abs(v[c] - 1) > 1e-3;
				assertTrue(moved, "running statistics of " + l.name() + " were not updated by training");
			}
		assertTrue(bn > 0, "network has no batch normalization");
	}

	@Test
	void trainedUNetWithBatchNormMatchesOrt() throws Exception {
		Network net = UNet.builder().inChannels(1).classes(3).depth(2).baseWidth(8).seed(7).build();
		Random r = new Random(11);
		train(net, r, 3, 3, 2, 1, 16, 16);
		requireNonTrivialStatistics(net);
		Parity.check(net, dir.resolve("unet2.onnx"), Parity.random(r, 2, 1, 20, 28), TOLERANCE);
		Parity.check(net, dir.resolve("unet2b.onnx"), Parity.random(r, 1, 1, 36, 12), TOLERANCE);
	}

	/** The usual route: train, save with NetworkIO, later load and export; ORT must match the network as trained. */
	@Test
	void savedAndReloadedNetworkExportsLikeTheOriginal() throws Exception {
		Network net = UNet.builder().inChannels(1).classes(3).depth(2).baseWidth(8).seed(9).build();
		Random r = new Random(12);
		train(net, r, 2, 3, 1, 1, 12, 16);
		Path saved = dir.resolve("unet.convnet");
		net.save(saved);
		Network loaded = Network.load(saved);
		Tensor x = Parity.random(r, 1, 1, 28, 16);
		Path file = dir.resolve("reloaded.onnx");
		OnnxExporter.export(loaded, file);
		Tensor expected = net.forward(x.copy());
		try (OnnxSession s = OnnxSession.open(file, 1)) {
			Tensor actual = s.run(x);
			for (int i = 0; i < expected.size(); i++)
				assertEquals(expected.data()[i], actual.data()[i], 1e-4 * (1 + Math.abs(expected.data()[i])), "value " + i);
		}
	}

	@Test
	void unetOfDepthThreeWithTwoInputChannelsMatchesOrt() throws Exception {
		Network net = UNet.builder().inChannels(2).classes(3).depth(3).baseWidth(8).seed(3).build();
		Random r = new Random(5);
		train(net, r, 2, 3, 1, 2, 16, 24);
		requireNonTrivialStatistics(net);
		Parity.check(net, dir.resolve("unet3.onnx"), Parity.random(r, 1, 2, 24, 40), TOLERANCE);
	}

	/** conv–BN–ReLU–pool, an asymmetric strided conv, a padded 3×3/2 max-pool, a 1×1 conv to classes, global average. */
	static Network classifier() {
		NetworkBuilder b = new NetworkBuilder(3).seed(21);
		b.then(new Conv2d(3, 8, 3).padding(1));
		b.then(new BatchNorm2d(8));
		b.then(new ReLU());
		b.then(new MaxPool2d(2));
		b.then(new Conv2d(8, 16, 3, 2).stride(1, 2).padding(0, 1, 2, 0));
		b.then(new ReLU());
		b.then(new MaxPool2d(3, 3, 2, 2).padding(1, 1));
		b.then(new Conv2d(16, 16, 3).dilation(2).padding(2).groups(4));
		b.then(new ReLU());
		b.then(new Conv2d(16, 5, 1));
		b.then(new GlobalAvgPool2d());
		return b.build();
	}

	@Test
	void smallClassifierMatchesOrt() throws Exception {
		Network net = classifier();
		Random r = new Random(2);
		Trainer t = new Trainer(net, new SoftmaxCrossEntropy(), new Adam(net.parameters(), 1e-2));
		for (int s = 0; s < 3; s++) {
			Tensor target = Tensor.zeros(4);
			for (int i = 0; i < 4; i++) target.data()[i] = r.nextInt(5);
			t.step(Parity.random(r, 4, 3, 18, 22), target);
		}
		requireNonTrivialStatistics(net);
		Parity.check(net, dir.resolve("classifier.onnx"), Parity.random(r, 3, 3, 23, 31), TOLERANCE);
	}

	/**
	 * A detector-head-like fully convolutional net: stride-2 convolutions, a branch that is up-sampled
	 * (nearest, and transposed conv with output padding) and concatenated, then a 1×1 head.
	 */
	static Network detector() {
		NetworkBuilder b = new NetworkBuilder(3).seed(8);
		b.then(new Conv2d(3, 8, 3).stride(2).padding(1));
		int s2 = b.then(new ReLU());
		b.then(new Conv2d(8, 16, 3).stride(2).padding(1).bias(false));
		b.then(new BatchNorm2d(16));
		int s4 = b.then(new ReLU());
		b.then(new Conv2d(16, 16, 3).stride(2).padding(1));
		int s8 = b.then(new ReLU());
		int up8 = b.add(new UpsampleNearest(2), s8);
		int up4 = b.add(new ConvTranspose2d(16, 8, 3).stride(2).padding(1).outputPadding(1, 1), s4);
		b.add(new Concat(), up8, s4);
		b.then(new Conv2d(32, 8, 1));
		int fused = b.then(new ReLU());
		b.add(new UpsampleNearest(2), fused);
		b.add(new Concat(), b.last(), up4, s2);
		b.then(new Conv2d(24, 6, 1)); // objectness + 4 box offsets + class
		return b.sizeMultiple(8).build();
	}

	@Test
	void detectorHeadMatchesOrt() throws Exception {
		Network net = detector();
		Random r = new Random(4);
		for (Layer l : net.layers())
			if (l instanceof BatchNorm2d b) setRandomStatistics(b, r);
		Parity.check(net, dir.resolve("detector.onnx"), Parity.random(r, 2, 3, 40, 24), TOLERANCE);
		Parity.check(net, dir.resolve("detector2.onnx"), Parity.random(r, 1, 3, 16, 56), TOLERANCE);
	}

	static void setRandomStatistics(BatchNorm2d b, Random r) {
		for (Parameter p : List.of(b.gamma(), b.beta(), b.runningMean(), b.runningVar())) {
			float[] v = new float[(int) p.size()];
			for (int i = 0; i < v.length; i++)
				v[i] = p == b.runningVar() ? 0.2f + 2 * r.nextFloat() : (float) r.nextGaussian() * 0.5f + (p == b.gamma() ? 1 : 0);
			p.set(v);
		}
	}

	@Test
	void declaresSymbolicInputAndOutputDimensions() throws Exception {
		Path f = dir.resolve("dims.onnx");
		OnnxExporter.export(classifier(), f);
		try (OnnxSession s = OnnxSession.open(f, 1)) {
			OnnxValueInfo in = s.input(OnnxExporter.INPUT), out = s.output(OnnxExporter.OUTPUT);
			assertEquals(List.of(-1L, 3L, -1L, -1L), boxed(in.shape()));
			assertEquals(List.of(-1L, 5L, 1L, 1L), boxed(out.shape())); // global average pool: fixed 1×1
		}
		Path u = dir.resolve("unet_dims.onnx");
		OnnxExporter.export(UNet.builder().classes(3).depth(2).baseWidth(4).build(), u);
		try (OnnxSession s = OnnxSession.open(u, 1)) {
			assertEquals(List.of(-1L, 3L, -1L, -1L), boxed(s.output(OnnxExporter.OUTPUT).shape()));
		}
	}

	private static List<Long> boxed(long[] a) { return java.util.Arrays.stream(a).boxed().toList(); }

	@Test
	void unsupportedLayerIsNamedWithItsType() {
		NetworkBuilder b = new NetworkBuilder(1);
		b.then(new Conv2d(1, 2, 3).padding(1));
		b.then(new Mystery().named("oddity"));
		Network net = b.build();
		OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(net, dir.resolve("x.onnx")));
		assertTrue(e.getMessage().contains("oddity") && e.getMessage().contains("Mystery"), e.getMessage());
	}

	/** A layer type no exporter knows. */
	static final class Mystery extends Layer {
		@Override public String type() { return "Mystery"; }
		@Override public JsonObject config() { return new JsonObject(); }
		@Override public int[] outputShape(int[]... in) { return in[0].clone(); }
		@Override public Tensor forward(Tensor[] in, Phase phase) { return in[0]; }
		@Override public Tensor[] backward(Tensor dy) { return new Tensor[] { dy }; }
	}
}
