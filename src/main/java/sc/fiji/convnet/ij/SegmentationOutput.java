package sc.fiji.convnet.ij;

import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;

/** Everything one segmentation call hands back to ImageJ. */
public final class SegmentationOutput {

	private final ImagePlus labels;
	private final List<Roi> rois;
	private final ResultsTable table;
	private final ImagePlus probabilities;
	private final int objectCount;
	private final double[] diameters;
	private final List<String> warnings;

	SegmentationOutput(ImagePlus labels, List<Roi> rois, ResultsTable table, ImagePlus probabilities, int objectCount, double[] diameters,
			List<String> warnings) {
		this.diameters = diameters;
		this.warnings = List.copyOf(warnings);
		this.labels = labels;
		this.rois = rois;
		this.table = table;
		this.probabilities = probabilities;
		this.objectCount = objectCount;
	}

	/** 16-bit (or 32-bit) label image with the input's calibration and hyperstack layout. */
	public ImagePlus labels() { return labels; }
	/** One outline per object, with its hyperstack position. */
	public List<Roi> rois() { return rois; }
	/** One row per object. */
	public ResultsTable table() { return table; }
	/** The probability maps (channels), or null when not asked for. */
	public ImagePlus probabilities() { return probabilities; }
	public int objectCount() { return objectCount; }
	/** The nucleus diameter in pixels each plane was segmented at (given or found; 0 when neither). */
	public double[] diameters() { return diameters.clone(); }
	/** What the user should know about how the image was read (e.g. an RGB image averaged to grey), one line each. */
	public List<String> warnings() { return warnings; }
	/** A one-line summary of {@link #diameters()}: one figure, or the range over the planes; empty when unknown. */
	public String diameterSummary() {
		double lo = java.util.Arrays.stream(diameters).filter(d -> d > 0).min().orElse(0), hi = java.util.Arrays.stream(diameters).max().orElse(0);
		if (hi <= 0) return "";
		return lo == hi ? String.format(java.util.Locale.ROOT, "nuclei %.1f px across", lo) : String.format(java.util.Locale.ROOT, "nuclei %.1f–%.1f px across", lo, hi);
	}
}
