package sc.fiji.convnet.commands.ij1;

import java.io.IOException;
import java.io.UncheckedIOException;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import sc.fiji.convnet.commands.FilterMessages;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Spec;
import sc.fiji.convnet.request.Values;

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

	/**
	 * The spec's generated dialog ({@link SpecDialog#show}): its values, or null when cancelled or after a one-line
	 * error (a field that holds no number), so a macro ends with a log line instead of an exception window.
	 */
	static Values ask(Spec spec) {
		try {
			return SpecDialog.show(spec);
		} catch (IllegalArgumentException e) {
			ErrorReport.error(spec.command(), sc.fiji.convnet.commands.FilterMessages.of(spec.command(), null, e));
			return null;
		}
	}

	/** A filter that may fail reading a model or an image. */
	interface Filter {
		ImagePlus get() throws IOException;
	}

	/** Runs the filter and shows its result; cancellation is quiet, errors are one line naming the image. */
	static void show(String command, ImagePlus imp, Filter filter) {
		try {
			long start = System.nanoTime();
			ImagePlus result = filter.get();
			sc.fiji.convnet.ij.ResultWindows.show(result);
			IJ.showStatus(command + ": " + result.getTitle() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
		} catch (CancelledException e) {
			IJ.showStatus(command + ": cancelled");
		} catch (RuntimeException e) {
			ErrorReport.error(command, FilterMessages.of(command, imp, e));
		} catch (IOException e) { // the message alone, not "java.io.IOException: …"
			ErrorReport.error(command, FilterMessages.of(command, imp, new UncheckedIOException(e.getMessage(), e)));
		}
	}
}
