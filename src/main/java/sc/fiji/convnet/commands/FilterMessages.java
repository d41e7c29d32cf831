package sc.fiji.convnet.commands;

import ij.ImagePlus;

/** The one-line error of a filter command: "image: problem", without repeating the command's name. */
public final class FilterMessages {

	private FilterMessages() {}

	/** {@code e}'s message, starting with the image's title, without a leading "command: " (the caller adds it once). */
	public static String of(String command, ImagePlus imp, Throwable e) {
		String msg = e.getMessage() == null ? e.toString() : e.getMessage();
		if (msg.startsWith(command + ": ")) msg = msg.substring(command.length() + 2);
		if (imp != null && !msg.startsWith(imp.getTitle() + ": ")) msg = imp.getTitle() + ": " + msg;
		return msg;
	}
}
