package sc.fiji.convnet.ij;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;

/**
 * Reports a failure in one line. From a macro (or in batch mode) a modal dialog would block an
 * unattended run, so the message goes to the Log and the macro is aborted; interactively it is a
 * normal ImageJ error dialog.
 */
public final class ErrorReport {

	private ErrorReport() {}

	public static void error(String command, String message) {
		if (Macro.getOptions() != null || Interpreter.isBatchMode() || IJ.getInstance() == null) {
			IJ.log(command + ": " + message);
			// stop the calling macro: the steps after a failed one would work on missing results
			Interpreter macro = Interpreter.getInstance();
			if (macro != null) macro.abortMacro();
			else if (Macro.getOptions() != null) Macro.abort();
		} else IJ.error(command, message);
	}
}
