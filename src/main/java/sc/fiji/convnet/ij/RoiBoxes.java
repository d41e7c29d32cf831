package sc.fiji.convnet.ij;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import ij.ImagePlus;
import ij.gui.Roi;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.train.DetectionSample;

/**
 * ROIs named by class as annotated boxes for training a detector or a classifier: each area ROI (rectangle, oval,
 * polygon…) is a box of its class, the class being the first word of its name ("RBC" of Detect Objects' "RBC 0.93",
 * so corrected detections train at once), else the name of its group.
 */
public final class RoiBoxes {

	/** Names the ROI Manager gives by itself ("0012-0345-0678"), which name no class. */
	private static final Pattern NUMBERED = Pattern.compile("[0-9-]+");

	private RoiBoxes() {}

	/** The class a ROI names, or null when neither its name nor its group names one. */
	public static String className(Roi roi) {
		String name = roi.getName() == null ? "" : roi.getName().strip();
		String first = name.isEmpty() ? "" : name.split("\\s+")[0];
		if (!first.isEmpty() && !NUMBERED.matcher(first).matches()) return first;
		String group = roi.getGroup() > 0 ? Roi.getGroupName(roi.getGroup()) : null;
		return group == null || group.isBlank() ? null : group.strip();
	}

	/**
	 * An image with its named area ROIs as one sample, cut to the rectangle around them, since objects outside it may
	 * be unannotated; the boxes are the ROIs' bounds in the cut's pixels. Null when no area ROI names a class; ROIs
	 * without a class are reported to {@code log}.
	 */
	public static DetectionSample sample(ImagePlus imp, Roi[] rois, Consumer<String> log) {
		List<Roi> named = new ArrayList<>();
		int unnamed = 0;
		for (Roi r : rois) {
			if (r == null || !r.isArea()) continue;
			if (className(r) == null) unnamed++;
			else named.add(r);
		}
		if (unnamed > 0) log.accept(imp.getTitle() + ": " + unnamed + " ROIs name no class (name them by class, e.g. 'WBC', or put them in a named group): left out");
		Rectangle cut = null;
		for (Roi r : named) cut = cut == null ? r.getBounds() : cut.union(r.getBounds());
		if (cut == null || (cut = cut.intersection(new Rectangle(0, 0, imp.getWidth(), imp.getHeight()))).isEmpty()) return null;
		List<Box> boxes = new ArrayList<>();
		for (Roi r : named) {
			Rectangle2D.Double b = r.getFloatBounds();
			Box box = new Box(className(r), 1, b.x - cut.x, b.y - cut.y, b.width, b.height).clipped(cut.width, cut.height);
			if (box.area() > 0) boxes.add(box);
		}
		return new DetectionSample(imp.getTitle(), DetectionImages.toRgb(imp).cut(cut.x, cut.y, cut.width, cut.height), boxes);
	}

	/**
	 * Every open image with named ROIs ({@link OpenImageRois}) as samples.
	 *
	 * @throws IOException saying what to draw ({@code objects}) when no open image has any
	 */
	public static List<DetectionSample> openImages(String objects, Consumer<String> log) throws IOException {
		List<DetectionSample> out = new ArrayList<>();
		for (OpenImageRois.Annotated a : OpenImageRois.all()) {
			DetectionSample s = sample(a.image(), a.rois(), log);
			if (s == null) continue;
			log.accept(String.format(java.util.Locale.ROOT, "%s: %d boxes in a %d×%d region", a.image().getTitle(), s.boxes().size(), s.image().width(),
					s.image().height()));
			out.add(s);
		}
		if (out.isEmpty())
			throw new IOException("no open image has ROIs named by class: outline " + objects + " and name the ROIs by class (overlay, or the ROI Manager "
					+ "for the current image), or give folders");
		return out;
	}
}
