package sc.fiji.convnet.commands;

import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import sc.fiji.convnet.predict.CancelledException;

/**
 * What every ConvNet SciJava command shares: the log, a quiet cancel, and a failure as one log line that starts with
 * the command's label. Written once so that the commands report alike and each keeps only its parameters and its
 * call. SciJava fills {@code @Parameter} fields of superclasses too (services included).
 */
abstract class LoggedCommand implements Command {

	@Parameter
	private LogService log;

	/** Does the command's work; any exception becomes one log line. */
	abstract void execute() throws Exception;

	/** A failure's log line after "label: "; by default the message alone. Override to name the image, model or folder. */
	String failure(Exception e) {
		return e.getMessage();
	}

	/** The name in log lines and progress: the menu label by default. */
	String label() {
		String path = getClass().getAnnotation(Plugin.class).menuPath();
		return path.substring(path.lastIndexOf('>') + 1);
	}

	LogService log() {
		return log;
	}

	@Override
	public void run() {
		try {
			execute();
		} catch (CancelledException e) {
			log.info(label() + ": cancelled");
		} catch (Exception e) {
			log.error(label() + ": " + failure(e));
		}
	}
}
