package sc.fiji.convnet.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.LayerRegistry;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.model.BioimageioReader;
import sc.fiji.convnet.model.ModelDescriptor;

/**
 * Parity for the layer types of the engine's second milestone (activations, PReLU, softmax, dropout,
 * element-wise, flatten/reshape, linear, average and adaptive pooling, bilinear resizing, maxout,
 * max-unpooling, reflect padding).
 * The layers are made through {@link LayerRegistry} by type and config, so that this test compiles
 * before those layers exist; where the engine does not know a type yet, the test is skipped.
 */
class MoreLayersExportTest {

	@TempDir
	Path dir;

	private final Random random = new Random(17);

	/** The engine's layer of this type and config (JSON text), or the test is skipped when it has none. */
	private Layer layer(String type, String config) {
		JsonObject c = JsonParser.parseString(config).getAsJsonObject();
		Layer l;
		try {
			l = LayerRegistry.create(type, c);
		} catch (IllegalArgumentException unknown) {
			Assumptions.abort("the engine has no layer type " + type + " yet");
			throw unknown;
		}
		for (String key : c.keySet())
			Assumptions.assumeTrue(c.get(key).equals(l.config().get(key)), type + " does not keep config '" + key + "' yet");
		// trained-looking parameters instead of the initial constants (PReLU slopes 0.25, biases 0)
		for (Parameter p : l.parameters()) {
			float[] v = p.value().data().clone();
			for (int i = 0; i < v.length; i++) v[i] += (float) (0.2 * random.nextGaussian());
			p.set(v);
		}
		return l;
	}

	private static Layer conv(int cin, int cout, int k, int pad) { return new Conv2d(cin, cout, k).padding(pad); }

	@Test
	void classifierWithFlattenAndFullyConnectedLayersMatchesOrtAtItsFixedSize() throws Exception {
		NetworkBuilder b = new NetworkBuilder(3).seed(5);
		b.then(conv(3, 8, 3, 1));
		b.then(layer("PReLU", "{\"channels\": 8}"));
		b.then(layer("AvgPool2d", "{\"kernel\": [3, 3], \"stride\": [2, 2], \"padding\": [1, 1], \"countIncludePad\": false}"));
		b.then(conv(8, 8, 3, 0));
		b.then(layer("Activation", "{\"kind\": \"LEAKY_RELU\", \"alpha\": 0.1}"));
		b.then(layer("AvgPool2d", "{\"kernel\": [2, 2], \"stride\": [1, 1], \"padding\": [1, 1], \"countIncludePad\": true}"));
		b.then(layer("Dropout", "{\"p\": 0.5, \"seed\": 3}"));
		b.then(layer("Flatten", "{}"));
		b.then(layer("Linear", "{\"in\": 384, \"out\": 10, \"bias\": true}")); // 8 × 6 × 8 after the pools
		b.then(layer("Activation", "{\"kind\": \"ELU\", \"alpha\": 0.7}"));
		b.then(layer("PReLU", "{\"channels\": 1}"));
		b.then(layer("Linear", "{\"in\": 10, \"out\": 4, \"bias\": false}"));
		b.then(layer("LogSoftmax", "{}"));
		Network net = b.build();
		FixedSize size = new FixedSize(14, 18);
		Parity.check(net, dir.resolve("fc.onnx"), Parity.random(random, 3, 3, 14, 18), OnnxExporterTest.TOLERANCE, size);

		OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(net, dir.resolve("any.onnx")));
		assertTrue(e.getMessage().contains("FixedSize"), e.getMessage());

		ModelDescriptor d = BioimageioReader.read(BioimageioWriter.forNetwork(net).fixedInputSize(14, 18).export(dir.resolve("fc")));
		assertEquals(18, d.input().axis("x").size());
		assertEquals(4, d.output().axis("channel").size());
	}

	@Test
	void elementwiseActivationsAndBilinearResizingMatchOrt() throws Exception {
		NetworkBuilder b = new NetworkBuilder(2).seed(6);
		int c = b.then(conv(2, 6, 3, 1));
		int s = b.then(layer("Activation", "{\"kind\": \"SELU\", \"alpha\": 0}"));
		int sig = b.add(layer("Activation", "{\"kind\": \"SIGMOID\", \"alpha\": 0}"), c);
		int tanh = b.add(layer("Activation", "{\"kind\": \"TANH\", \"alpha\": 0}"), c);
		int mul = b.add(layer("Mul", "{}"), sig, tanh);
		int sub = b.add(layer("Sub", "{}"), s, c);
		b.add(layer("Add", "{}"), mul, sub, s);
		b.then(layer("ResizeBilinear", "{\"scaleH\": 2.0, \"scaleW\": 1.5}"));
		b.then(conv(6, 4, 3, 1));
		b.then(layer("ResizeBilinear", "{\"size\": [20, 17]}"));
		b.then(layer("Softmax", "{}"));
		Network net = b.build();
		Parity.check(net, dir.resolve("ew.onnx"), Parity.random(random, 2, 2, 9, 13), OnnxExporterTest.TOLERANCE);
		Parity.check(net, dir.resolve("ew2.onnx"), Parity.random(random, 1, 2, 31, 6), OnnxExporterTest.TOLERANCE);
	}

	@Test
	void reshapeAndGlobalPoolingMatchOrt() throws Exception {
		NetworkBuilder b = new NetworkBuilder(1).seed(7);
		b.then(conv(1, 8, 3, 1));
		int r = b.then(layer("AdaptiveMaxPool2d", "{\"size\": [1, 1]}"));
		b.then(layer("Reshape", "{\"shape\": [2, -1, 2]}"));
		b.then(layer("Reshape", "{\"shape\": [8, 1, 1]}"));
		int a = b.then(layer("AdaptiveAvgPool2d", "{\"size\": [1, 1]}"));
		b.add(layer("Add", "{}"), a, r);
		Network net = b.build();
		Parity.check(net, dir.resolve("pool.onnx"), Parity.random(random, 2, 1, 11, 7), OnnxExporterTest.TOLERANCE);

		NetworkBuilder b2 = new NetworkBuilder(1);
		b2.then(layer("AdaptiveAvgPool2d", "{\"size\": [2, 3]}"));
		Network n2 = b2.build();
		OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExporter.export(n2, dir.resolve("a.onnx")));
		assertTrue(e.getMessage().contains("AdaptiveAvgPool2d") && e.getMessage().contains("[2, 3]"), e.getMessage());
	}

	@Test
	void maxoutAndMaxUnpoolingMatchOrtAtOddSizes() throws Exception {
		NetworkBuilder b = new NetworkBuilder(1).seed(9);
		b.then(conv(1, 6, 3, 1));
		b.then(layer("ChannelMaxPool", "{\"groupSize\": 3}"));
		b.then(new MaxPool2d(2).named("pool"));
		b.then(conv(2, 2, 3, 1));
		b.then(layer("MaxUnpool2d", "{\"pool\": \"pool\"}"));
		b.then(conv(2, 3, 3, 1));
		Path saved = dir.resolve("unpool.convnet");
		b.build().save(saved);
		Network net = Network.load(saved); // loading links the unpooling to its pooling layer
		Parity.check(net, dir.resolve("unpool.onnx"), Parity.random(random, 2, 1, 9, 11), OnnxExporterTest.TOLERANCE);
		Parity.check(net, dir.resolve("unpool2.onnx"), Parity.random(random, 1, 1, 12, 7), OnnxExporterTest.TOLERANCE);
	}

	@Test
	void engineConvolutionsWithReflectAndReplicatePaddingMatchOrt() throws Exception {
		for (String mode : new String[] { "REFLECT", "REPLICATE" }) {
			String cfg = "{\"in\": 2, \"out\": 5, \"kernel\": [3, 5], \"stride\": [1, 2], \"dilation\": [1, 1], \"padding\": [1, 2, 2, 1],"
					+ " \"groups\": 1, \"bias\": true, \"paddingMode\": \"" + mode + "\"}";
			NetworkBuilder b = new NetworkBuilder(2).seed(8);
			b.then(layer("Conv2d", cfg));
			b.then(layer("Activation", "{\"kind\": \"TANH\", \"alpha\": 0}"));
			Network net = b.build();
			Parity.check(net, dir.resolve("conv_" + mode + ".onnx"), Parity.random(random, 2, 2, 10, 15), OnnxExporterTest.TOLERANCE);
		}
	}
}
