package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.process.ByteProcessor;

/** Issue #19: a second run of a command numbers its result window instead of opening a second window of the same title. */
class ResultWindowsTest {

	@AfterEach
	void closeAll() {
		for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) Interpreter.removeBatchModeImage(WindowManager.getImage(id));
		Interpreter.batchMode = false;
	}

	private static ImagePlus open(ImagePlus imp) {
		Interpreter.addBatchModeImage(imp);
		return imp;
	}

	private static ImagePlus result() { return new ImagePlus("cells_dream", new ByteProcessor(4, 4)); }

	@Test
	void aTakenTitleIsNumberedAndAFreeOneKept() {
		Interpreter.batchMode = true; // images open without a screen, as in a macro in batch mode
		assertEquals("cells_dream", open(ResultWindows.name(result())).getTitle());
		assertEquals("cells_dream-1", open(ResultWindows.name(result())).getTitle());
		assertEquals("cells_dream-2", open(ResultWindows.name(result())).getTitle());
		assertEquals("other", ResultWindows.name(new ImagePlus("other", new ByteProcessor(1, 1))).getTitle());
		assertEquals(null, ResultWindows.name(null));
		assertEquals("cells-2.tif", ResultWindows.unique("cells.tif", t -> !t.equals("cells-2.tif")), "before the extension");
	}
}
