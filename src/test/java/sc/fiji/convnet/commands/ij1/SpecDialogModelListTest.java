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
}
