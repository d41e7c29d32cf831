package sc.fiji.convnet.ij;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

/**
 * The ROIs that annotate the open images for training: each image's overlay; the current image takes the ROI
 * Manager's instead when its overlay is empty. Images without any are left out.
 */
public final class OpenImageRois {

	/** An open image with its annotating ROIs. */
	public record Annotated(ImagePlus image, Roi[] rois) {}

	private OpenImageRois() {}

	public static List<Annotated> all() {
		List<Annotated> out = new ArrayList<>();
		int[] ids = WindowManager.getIDList();
		ImagePlus current = WindowManager.getCurrentImage();
		for (int id : ids == null ? new int[0] : ids) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp == null) continue;
			Roi[] rois = AnnotatedImages.overlayRois(imp);
			if (rois.length == 0 && imp == current && RoiManager.getInstance() != null) rois = RoiManager.getInstance().getRoisAsArray();
			if (rois.length > 0) out.add(new Annotated(imp, rois));
		}
		return out;
	}
}
