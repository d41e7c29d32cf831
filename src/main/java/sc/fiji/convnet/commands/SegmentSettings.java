package sc.fiji.convnet.commands;

import java.io.IOException;

import ij.gui.GenericDialog;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.segment.NucleiSegmenter;

/**
 * The parameters of nuclei segmentation with the defaults every entry point shows, and their one
 * translation into a {@link NucleiSegmenter}. Dialog labels are chosen so that the macro recorder's
 * keys (first word, lower case) are unique: model, channel, threshold, seed, diameter, minimum,
 * maximum, tile, views.
 */
public final class SegmentSettings implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	public String model = ConvNet.DEFAULT_SEGMENTATION_MODEL;
	public int channel = 1;
	public double threshold = NucleiSegmenter.DEFAULT_THRESHOLD;
	public double seedThreshold = NucleiSegmenter.DEFAULT_SEED_THRESHOLD;
	public double diameter = 0;
	public int minArea = NucleiSegmenter.DEFAULT_MIN_AREA;
	public int maxArea = 0;
	public int tileSize = 0;
	public int views = NucleiSegmenter.DEFAULT_VIEWS;

	public NucleiSegmenter segmenter() throws IOException {
		return applyTo(ConvNet.segmenter(model)).build();
	}

	/** These settings (all but the model and channel) on a builder of an opened model (a cluster task opens its own copy). */
	public NucleiSegmenter.Builder applyTo(NucleiSegmenter.Builder builder) {
		return builder
				.threshold(threshold)
				.seedThreshold(seedThreshold)
				.diameter(diameter)
				.minArea(minArea)
				.maxArea(maxArea <= 0 ? Integer.MAX_VALUE : maxArea)
				.tileSize(tileSize)
				.views(views);
	}

	public void addTo(GenericDialog gd) {
		gd.addStringField("Model (name or path)", model, 30);
		gd.addNumericField("Channel with nuclei", channel, 0);
		gd.addNumericField("Threshold (probability)", threshold, 2);
		gd.addNumericField("Seed threshold", seedThreshold, 2);
		gd.addNumericField("Diameter of nuclei (0 = automatic)", diameter, 1, 6, "pixels");
		gd.addNumericField("Minimum area", minArea, 0, 6, "pixels");
		gd.addNumericField("Maximum area (0 = none)", maxArea, 0, 6, "pixels");
		gd.addNumericField("Tile size (0 = automatic)", tileSize, 0, 6, "pixels");
		gd.addChoice("Views averaged (flips/rotations)", new String[] { "1", "2", "4", "8" }, String.valueOf(views));
	}

	public void readFrom(GenericDialog gd) {
		model = gd.getNextString().trim();
		channel = (int) gd.getNextNumber();
		threshold = gd.getNextNumber();
		seedThreshold = gd.getNextNumber();
		diameter = gd.getNextNumber();
		minArea = (int) gd.getNextNumber();
		maxArea = (int) gd.getNextNumber();
		tileSize = (int) gd.getNextNumber();
		views = Integer.parseInt(gd.getNextChoice());
		if (gd.invalidNumber()) throw new IllegalArgumentException("Segment Nuclei: a numeric field holds no number");
	}
}
