package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.Nodes;
import sc.fiji.convnet.model.ModelRepository;

/** Issue #19: layers are picked from the network's own list, the last convolution preselected, and an empty layer means it everywhere. */
class LayerListsTest {

	@Test
	void theShippedClassifiersLayersWithTheLastConvolutionPreselected() throws Exception {
		Network net = ModelRepository.standard().find("bccd-classifier").network(64, 64);
		String lastConv = Nodes.name(net, Nodes.lastConvolution(net));
		Nodes.LayerChoices c = LayerLists.of("bccd-classifier");
		assertEquals(Nodes.names(net), c.names());
		assertEquals(lastConv, c.preselected());
		assertEquals(lastConv, LayerLists.selected(c, ""));
		assertEquals("conv1", LayerLists.selected(c, "conv1"), "the last value is kept");
		assertEquals(c.names(), LayerLists.items(c, ""));
		List<String> unknown = LayerLists.items(LayerLists.of("no-such-model"), "");
		assertEquals(List.of(LayerLists.LAST_CONVOLUTION), unknown, "a model that cannot be read still gives a dialog");
		// First Layer Filters of the explain commands' default network (an ONNX model with free H and W)
		ImagePlus filters = NetworkPictures.firstLayerFilters("bccd-classifier", 0, 0);
		assertTrue(filters.getWidth() >= 400, filters.getWidth() + " px wide");
	}

	@Test
	void featureMapsOfAnEmptyLayerAreTheLastConvolutions() throws Exception {
		ColorProcessor cp = new ColorProcessor(32, 32);
		java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
		for (int i = 0; i < 32 * 32; i++) cp.set(i, rng.nextInt(1 << 24));
		ImagePlus imp = new ImagePlus("smear", cp);
		String lastConv = LayerLists.of("bccd-classifier").preselected();
		assertTrue(lastConv != null);
		ImagePlus byDefault = NetworkPictures.featureMaps(imp, "bccd-classifier", "", "none");
		ImagePlus named = NetworkPictures.featureMaps(imp, "bccd-classifier", lastConv, "none");
		assertEquals("smear_" + lastConv, byDefault.getTitle());
		assertEquals(named.getStackSize(), byDefault.getStackSize());
		assertTrue(java.util.Arrays.equals((float[]) named.getStack().getPixels(1), (float[]) byDefault.getStack().getPixels(1)));
	}

	/** Style Transfer's empty layers: content from the last convolution, style from every convolution before it. */
	@Test
	void styleTransferRunsWithItsDefaultLayers() throws Exception {
		Network net = ModelRepository.standard().find("bccd-classifier").network(64, 64);
		List<String> rectified = Nodes.rectifiedConvolutions(net).stream().map(k -> Nodes.name(net, k)).toList();
		assertEquals(List.of("relu1_Relu", "relu2_Relu", "relu3_Relu", "relu4_Relu", "relu5_Relu"), rectified);
		ColorProcessor a = new ColorProcessor(32, 32), b = new ColorProcessor(32, 32);
		java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
		for (int i = 0; i < 32 * 32; i++) { a.set(i, rng.nextInt(1 << 24)); b.set(i, (i % 7) * 0x203040); }
		ImagePlus out = NetworkPictures.styleTransfer(new ImagePlus("content", a), new ImagePlus("style", b), "bccd-classifier", "", "", 1, 1000, 10, 2, 0.01,
				false, "0-1", null);
		assertEquals(ImagePlus.COLOR_RGB, out.getType());
		assertEquals("content_styled", out.getTitle());
	}
}
