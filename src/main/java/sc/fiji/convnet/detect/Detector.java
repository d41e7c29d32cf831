package sc.fiji.convnet.detect;

import java.util.List;

import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;

/** Something that finds boxes in an RGB image; boxes come back in the image's pixels after non-max suppression. */
public interface Detector {

	List<Box> detect(RgbImage image, DetectionSettings settings);

	/**
	 * The same with named steps ("predicting" with a rising fraction over the scales, "suppressing overlaps") and
	 * cancellation between scales ({@link CancelledException}); detectors without steps report one.
	 */
	default List<Box> detect(RgbImage image, DetectionSettings settings, Progress progress) {
		if (progress.cancelled()) throw new CancelledException();
		progress.stage("predicting");
		List<Box> boxes = detect(image, settings);
		progress.update(1, 1);
		return boxes;
	}

	/** The class names the detector can give (may be empty when the model does not say). */
	List<String> classes();

	String describe();
}
