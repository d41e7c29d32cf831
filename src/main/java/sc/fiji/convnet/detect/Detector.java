package sc.fiji.convnet.detect;

import java.util.List;

/** Something that finds boxes in an RGB image; boxes come back in the image's pixels after non-max suppression. */
public interface Detector {

	List<Box> detect(RgbImage image, DetectionSettings settings);

	/** The class names the detector can give (may be empty when the model does not say). */
	List<String> classes();

	String describe();
}
