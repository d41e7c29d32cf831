package sc.fiji.convnet.commands.ij1;

import java.util.function.Supplier;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import sc.fiji.convnet.commands.FilterMessages;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.request.CommandSpecs;

/** What the ImageJ 1.x filter entries share: the current image, showing results, and one-line errors. */
final class FilterRun {

	/** The Help button's text of a command's dialog: the help page made from its spec (shown by ImageJ, no web page needed). */
	static String help(String command) {
		return CommandSpecs.of(command).helpHtml();
	}

	private FilterRun() {}

	/** The current image, or null after a one-line error. */
	static ImagePlus currentImage(String command) {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) ErrorReport.error(command, "no image is open");
		return imp;
	}

	/** Runs the filter and shows its result; cancellation is quiet, errors are one line naming the image. */
	static void show(String command, ImagePlus imp, Supplier<ImagePlus> filter) {
		try {
			long start = System.nanoTime();
			ImagePlus result = filter.get();
			result.show();
			IJ.showStatus(command + ": " + result.getTitle() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
		} catch (CancelledException e) {
			IJ.showStatus(command + ": cancelled");
		} catch (RuntimeException e) {
			ErrorReport.error(command, FilterMessages.of(command, imp, e));
		}
	}
}
