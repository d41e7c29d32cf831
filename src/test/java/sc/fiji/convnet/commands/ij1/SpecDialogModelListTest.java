package sc.fiji.convnet.commands.ij1;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Option;

/**
 * ImageJ 1.x dialogs show a model list only when no macro runs: {@code GenericDialog.getNextChoice} rejects a macro
 * value outside the list, so a macro's {@code model=/path/to/folder} is read by the text field as before.
 */
class SpecDialogModelListTest {

	@Test
	void aModelListOnlyInInteractiveDialogsSoMacrosMayNameAnyModelOrPath() {
		Option model = CommandSpecs.SEGMENT.option("model");
		assertTrue(SpecDialog.asModelList(model, null, false), "an interactive dialog lists the models");
		assertFalse(SpecDialog.asModelList(model, "model=/path/to/folder channel=1", false), "a macro's value outside the list is read as text");
		assertFalse(SpecDialog.asModelList(model, null, true), "headless: text field");
		assertFalse(SpecDialog.asModelList(CommandSpecs.SEGMENT.option("channel"), null, false));
		assertTrue(SpecDialog.asModelList(CommandSpecs.GRAD_CAM.option("classifier"), null, false));
		assertTrue(SpecDialog.asModelList(CommandSpecs.BATCH_DETECT.option("model"), null, false));
	}

	/** Issue #19: every explain command picks its network from the classification models and its layer from that network's layers. */
	@Test
	void explainDialogsListModelsAndLayers() {
		for (var spec : java.util.List.of(CommandSpecs.GRAD_CAM, CommandSpecs.OCCLUSION, CommandSpecs.FIRST_LAYER, CommandSpecs.FEATURE_MAPS, CommandSpecs.FGSM,
				CommandSpecs.DEEP_DREAM, CommandSpecs.ACTIVATION_MAXIMIZATION, CommandSpecs.TOP_PATCHES, CommandSpecs.STYLE_TRANSFER)) {
			Option model = spec.options().stream().filter(o -> o.models() != null).findFirst().orElseThrow(() -> new AssertionError(spec.command() + " lists no models"));
			assertTrue(SpecDialog.asModelList(model, null, false), spec.command());
			org.junit.jupiter.api.Assertions.assertEquals("bccd-classifier", model.defaultValue(), spec.command() + " has a working default network");
		}
		for (var spec : CommandSpecs.all().values())
			for (Option o : spec.options())
				if (o.layerOf() != null) {
					Option of = spec.option(o.layerOf());
					assertTrue(of.models() != null, spec.command() + ": " + o.key() + " lists the layers of a model option");
					assertTrue(SpecDialog.asLayerList(o, null, false), spec.command() + ": " + o.key());
					assertFalse(SpecDialog.asLayerList(o, "layer=relu5", false), "a macro's layer is read as text");
					assertFalse(SpecDialog.asLayerList(o, null, true), "headless: text field");
				}
		for (var spec : java.util.List.of(CommandSpecs.GRAD_CAM, CommandSpecs.FEATURE_MAPS, CommandSpecs.DEEP_DREAM, CommandSpecs.TOP_PATCHES))
			assertTrue(spec.option("layer").layerOf() != null, spec.command() + "'s layer is a list");
		assertTrue(CommandSpecs.STYLE_TRANSFER.option("content").layerOf() != null);
		assertTrue(CommandSpecs.FEATURE_MAPS.helpHtml().contains("the dialog lists the layers of the network"), "the Help page says so");
	}
}
