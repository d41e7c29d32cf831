package sc.fiji.convnet.commands;

import org.scijava.plugin.Parameter;

import ij.ImagePlus;

/**
 * A command that turns the current image into a result image; its errors name the image ({@link FilterMessages}).
 * The image is the first parameter, as SciJava lists a superclass's fields first.
 */
abstract class ImageFilterCommand extends ImageResultCommand {

	@Parameter(label = "Image")
	ImagePlus image;

	@Override
	String failure(Exception e) {
		return FilterMessages.of(label(), image, e);
	}
}
