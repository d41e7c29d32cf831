package sc.fiji.convnet.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.tensor.Tensor;

class NetworkViewsTest {

	@Test
	void firstLayerFilterMontageHasOneTilePerKernelInPlace() {
		NetworkBuilder b = new NetworkBuilder(2).seed(3);
		Conv2d conv = new Conv2d(2, 6, 3).padding(1).named("c1");
		b.then(conv);
		b.then(new ReLU());
		b.then(new Conv2d(6, 4, 5));
		Network net = b.build();
		Montage m = NetworkViews.firstLayerFilters(net, 4, 2);
		// 12 kernels of 3×3 scaled ×2 = 6×6 tiles, 4 columns, 3 rows, 1-pixel gaps
		assertEquals(4 * 6 + 3, m.width());
		assertEquals(3 * 6 + 2, m.height());
		assertEquals(4, m.columns());
		assertEquals(3, m.rows());
		float[] w = conv.weight().value().data(); // 6 × 2 × 3 × 3
		for (int k = 0; k < 6; k++)
			for (int c = 0; c < 2; c++) {
				int t = k * 2 + c, ox = (t % 4) * 7, oy = (t / 4) * 7;
				for (int y = 0; y < 3; y++)
					for (int x = 0; x < 3; x++) {
						float expected = w[((k * 2 + c) * 3 + y) * 3 + x];
						assertEquals(expected, m.get(ox + 2 * x, oy + 2 * y));
						assertEquals(expected, m.get(ox + 2 * x + 1, oy + 2 * y + 1));
					}
			}
		assertTrue(Float.isNaN(m.get(6, 0)), "gap");
		Montage five = NetworkViews.firstLayerFilters(net, 5, 1);
		assertTrue(Float.isNaN(five.get(five.width() - 1, five.height() - 1)), "unused grid cell");
		assertEquals(4, Montage.squareColumns(12));
	}

	@Test
	void featureMapsAreTheLayersActivationsAsAStack() {
		Network net = TinyNets.blobDetector();
		Tensor x = TinyNets.square(16, 16, 8, 8, 1f);
		Tensor maps = NetworkViews.featureMaps(net, "conv", x);
		assertEquals("[1, 2, 16, 16]", maps.shapeString());
		assertEquals(1 + TinyNets.BIAS, maps.get(0, 0, 8, 8), 1e-6); // the box mean over the square is 1
		assertEquals(4f / 9 + TinyNets.BIAS, maps.get(0, 0, 7, 7), 1e-6); // (7, 7) sees 4 of its 9 pixels
		assertEquals(-1 + TinyNets.BIAS, maps.get(0, 1, 8, 8), 1e-6);
		Tensor relu = NetworkViews.featureMaps(net, "relu", x);
		assertEquals(0f, relu.get(0, 1, 8, 8));
		var e = assertThrows(IllegalArgumentException.class, () -> NetworkViews.featureMaps(net, "flatten", x));
		assertTrue(e.getMessage().contains("flatten"), e.getMessage());
	}

	@Test
	void topPatchFindsThePlantedSquareThroughAStridedLayer() {
		NetworkBuilder b = new NetworkBuilder(1).seed(1);
		Conv2d conv = new Conv2d(1, 1, 3).padding(1).named("box");
		b.then(conv);
		b.then(new ReLU().named("relu"));
		b.then(new MaxPool2d(2).named("pool"));
		Network net = b.build();
		float[] w = new float[9];
		java.util.Arrays.fill(w, 1f / 9);
		conv.weight().set(w);
		conv.biasParameter().set(new float[] { 0 });
		List<Tensor> images = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Tensor noise = TinyNets.random(100 + i, 1, 1, 32, 32);
			for (int j = 0; j < noise.size(); j++) noise.data()[j] *= 0.2f;
			images.add(noise);
		}
		TinyNets.paint(images.get(3), 20, 9, 1f);
		List<TopPatches.Patch> top = TopPatches.find(net, "pool", 0, images, 3, 0, true);
		assertEquals(3, top.size());
		TopPatches.Patch best = top.get(0);
		assertEquals(3, best.image());
		assertTrue(Math.abs(best.x() - 20) <= 1 && Math.abs(best.y() - 9) <= 1, "centre " + best.x() + "," + best.y());
		assertTrue(top.get(0).activation() >= top.get(1).activation() && top.get(1).activation() >= top.get(2).activation());
		// receptive field of pool: 3×3 box, then a 2×2 window with stride 2 → 4 pixels
		assertEquals(4, best.pixels().dim(1));
		int bright = 0;
		for (float v : best.pixels().data()) if (v == 1f) bright++;
		assertTrue(bright >= 4, "the patch shows the square: " + bright);
		Montage m = TopPatches.montage(top, 3, 1);
		assertEquals(3 * 4 + 2, m.width());
		assertEquals(4, m.height());
		assertEquals(5, TopPatches.find(net, "pool", 0, images, 5, 6, true).size());
	}

	@Test
	void innerLayersWorkForImageSizesTheHeadRefuses() {
		Network net = TinyNets.randomClassifier(90, 3, false);
		// the head (GAP + Linear) takes any size here, so cut the network: a Linear on a flattened 8×8 map does not
		NetworkBuilder b = new NetworkBuilder(1).seed(2);
		b.then(new Conv2d(1, 3, 3).padding(1).named("c"));
		b.then(new ReLU().named("r"));
		b.then(new sc.fiji.convnet.engine.layers.Flatten().named("f"));
		b.then(new sc.fiji.convnet.engine.layers.Linear(3 * 8 * 8, 2).named("head"));
		Network fixed = b.build();
		Tensor big = TinyNets.random(91, 1, 1, 12, 20);
		assertThrows(IllegalArgumentException.class, () -> fixed.forward(big));
		Tensor maps = NetworkViews.featureMaps(fixed, "r", big);
		assertEquals("[1, 3, 12, 20]", maps.shapeString());
		assertTrue(DeepDream.of(fixed).layer("r").iterations(2).objective(big) > 0);
		assertEquals("[1, 1, 12, 20]", DeepDream.of(fixed).layer("r").iterations(2).dream(big).shapeString());
		try (NodePass pass = NodePass.run(fixed, big, sc.fiji.convnet.engine.Phase.INFERENCE, 2)) {
			var e = assertThrows(IllegalStateException.class, () -> pass.output());
			assertTrue(e.getMessage().contains("head"), e.getMessage());
		}
		assertEquals("[1, 5, 6, 10]", NetworkViews.featureMaps(net, "conv3", big).shapeString()); // after one 2×2 pooling
	}
}
