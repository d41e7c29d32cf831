package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;

import ij.ImagePlus;

/** A command that makes one image, its output {@code result}. */
abstract class ImageResultCommand extends LoggedCommand {

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	/** Makes the command's image. */
	abstract ImagePlus make() throws Exception;

	@Override
	final void execute() throws Exception {
		result = sc.fiji.convnet.ij.ResultWindows.name(make());
	}
}
