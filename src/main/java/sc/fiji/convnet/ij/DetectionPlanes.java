package sc.fiji.convnet.ij;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.detect.Detector;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;

/**
 * The planes of an image that Detect Objects runs on: every slice and frame of a stack or hyperstack (each one's
 * first three channels are its colour image, as {@link DetectionImages} reads them), or only the plane on show.
 */
public final class DetectionPlanes {

	/** The boxes of one plane: its slice and frame (1-based) and its index in the image's stack. */
	public record Plane(int slice, int frame, int stackIndex, List<Box> boxes) {}

	private DetectionPlanes() {}

	/** Boxes per plane, each plane a step of {@code progress}, Esc checked between planes. */
	public static List<Plane> detect(ImagePlus imp, Detector detector, DetectionSettings settings, boolean allPlanes, Progress progress) {
		List<int[]> planes = new ArrayList<>();
		if (allPlanes)
			for (int t = 1; t <= imp.getNFrames(); t++)
				for (int z = 1; z <= imp.getNSlices(); z++) planes.add(new int[] { z, t });
		else planes.add(new int[] { imp.getSlice(), imp.getFrame() });
		List<Plane> out = new ArrayList<>();
		for (int i = 0; i < planes.size(); i++) {
			if (progress.cancelled()) throw new CancelledException();
			int z = planes.get(i)[0], t = planes.get(i)[1];
			Progress step = planes.size() == 1 ? progress : Progress.within(progress, i, planes.size());
			List<Box> boxes = detector.detect(DetectionImages.toRgb(imp, z, t), settings, step);
			out.add(new Plane(z, t, imp.getStackIndex(imp.getChannel(), z, t), boxes));
		}
		return out;
	}

	/** Every plane's boxes in one list. */
	public static List<Box> all(List<Plane> planes) {
		List<Box> boxes = new ArrayList<>();
		for (Plane p : planes) boxes.addAll(p.boxes());
		return boxes;
	}
}
