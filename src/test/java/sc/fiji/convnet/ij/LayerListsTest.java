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
}
