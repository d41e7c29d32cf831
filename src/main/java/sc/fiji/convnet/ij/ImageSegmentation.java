package sc.fiji.convnet.ij;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.LabelImage;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationResult;

/**
 * Segments every z-slice and time point of one channel of an image (2-D images are the simple
 * case) and gives the ImageJ results: label hyperstack, ROIs, table, optional probability maps.
 */
public final class ImageSegmentation {

	/** Table column: the nucleus diameter (pixels) the object's plane was segmented at, given or found. */
	public static final String DIAMETER_COLUMN = "Segmentation diameter";

	private ImageSegmentation() {}

	/** @param channel 1-based channel holding the nuclei */
	public static SegmentationOutput segment(ImagePlus imp, NucleiSegmenter segmenter, int channel, boolean keepProbabilities,
			Progress progress) {
		String name = imp.getTitle();
		int channels = imp.getNChannels(), slices = imp.getNSlices(), frames = imp.getNFrames();
		if (channel < 1 || channel > channels)
			throw new IllegalArgumentException(name + ": channel " + channel + " does not exist (the image has " + channels + " channel"
					+ (channels == 1 ? "" : "s") + ")");
		int planes = slices * frames;
		LabelImage[] labels = new LabelImage[planes];
		double[] diameters = new double[planes];
		ImageStack probabilityStack = keepProbabilities ? new ImageStack(imp.getWidth(), imp.getHeight()) : null;
		List<Roi> rois = new ArrayList<>();
		ResultsTable table = new ResultsTable();
		int total = 0, k = 0, mapCount = 0;
		for (int t = 1; t <= frames; t++)
			for (int z = 1; z <= slices; z++, k++) {
				int index = imp.getStackIndex(channel, z, t);
				float[] pixels = PlaneReader.floats(imp, index);
				final int plane = k;
				Progress planeProgress = Progress.within(progress, plane, planes);
				SegmentationResult result = segmenter.segment(pixels, imp.getWidth(), imp.getHeight(), planeProgress);
				labels[k] = result.labels();
				diameters[k] = result.diameter();
				int position = planes > 1 ? k + 1 : 0;
				progress.stage("measuring");
				List<Roi> planeRois = LabelRois.fromLabels(result.labels(), position);
				rois.addAll(planeRois);
				int firstRow = table.size();
				ObjectMeasurements.addRows(table, result.labels(), pixels, planeRois, everyChannel(imp, z, t), imp.getCalibration(), null, planes > 1 ? k + 1 : 0);
				for (int row = firstRow; row < table.size(); row++) table.setValue(DIAMETER_COLUMN, row, Math.round(result.diameter() * 10) / 10.0);
				total += result.labels().count();
				if (probabilityStack != null) {
					mapCount = result.probabilities().length;
					String[] names = classNames(segmenter, mapCount);
					for (int m = 0; m < mapCount; m++)
						probabilityStack.addSlice(names[m], new FloatProcessor(imp.getWidth(), imp.getHeight(), result.probabilities()[m]));
				}
			}
		String base = stripExtension(name);
		ImagePlus labelImp = LabelImages.toImagePlus(base + "_labels", labels, slices, frames, imp.getCalibration());
		ImagePlus probImp = null;
		if (probabilityStack != null) {
			probImp = new ImagePlus(base + "_probabilities", probabilityStack);
			probImp.setDimensions(mapCount, slices, frames);
			probImp.setCalibration(imp.getCalibration().copy());
			probImp = probabilityDisplay(probImp, classNames(segmenter, mapCount));
		}
		return new SegmentationOutput(labelImp, rois, table, probImp, total, diameters, warnings(imp, segmenter));
	}

	/**
	 * The grey nuclei models read one channel: an RGB image is averaged, and the user is told so, and why it may be the wrong
	 * input; a grey image saved as RGB (red = green = blue everywhere) loses nothing and needs no word.
	 */
	static List<String> warnings(ImagePlus imp, NucleiSegmenter segmenter) {
		List<String> w = new ArrayList<>();
		if (imp.getType() == ImagePlus.COLOR_RGB && !greyInRgb(imp))
			w.add(imp.getTitle() + " is an RGB image and the model " + segmenter.model().name() + " reads one grey channel: red, green and blue were"
					+ " averaged. It was trained on fluorescence nuclei; for a stained or brightfield image (e.g. a blood smear) its objects are"
					+ " unlikely to be nuclei. For a fluorescence RGB image, split the channels and segment the one with the nuclei.");
		return w;
	}

	/** Whether every pixel of every plane has red = green = blue: a grey image saved as RGB (many PNGs), read as it is. */
	static boolean greyInRgb(ImagePlus imp) {
		for (int z = 1; z <= imp.getStackSize(); z++) {
			int[] argb = (int[]) imp.getStack().getProcessor(z).getPixels();
			for (int v : argb) {
				int r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
				if (r != g || g != b) return false;
			}
		}
		return true;
	}

	/** What the model's output channels mean, in order. */
	static String[] classNames(NucleiSegmenter segmenter, int maps) {
		if (maps == segmenter.model().outputKind().channels()) return segmenter.model().outputKind().channelNames();
		String[] names = new String[maps];
		for (int i = 0; i < maps; i++) names[i] = "class " + (i + 1);
		return names;
	}

	/**
	 * Probability maps as a composite whose channels carry the class names, each with a 0–1 range: the
	 * background in grey and hidden, the nuclei's interior in green and their boundary in magenta, so
	 * that what opens is the nuclei, not the background.
	 */
	private static ImagePlus probabilityDisplay(ImagePlus maps, String[] names) {
		if (names.length == 1) {
			maps.setDisplayRange(0, 1);
			maps.setLut(ij.process.LUT.createLutFromColor(java.awt.Color.GREEN));
			return maps;
		}
		ij.CompositeImage c = new ij.CompositeImage(maps, ij.CompositeImage.COMPOSITE);
		java.awt.Color[] colours = { java.awt.Color.GRAY, java.awt.Color.GREEN, java.awt.Color.MAGENTA, java.awt.Color.CYAN, java.awt.Color.YELLOW };
		StringBuilder active = new StringBuilder();
		for (int ch = 1; ch <= names.length; ch++) {
			boolean background = names[ch - 1].equals("background");
			boolean hidden = background || names[ch - 1].equals("distance");
			ij.process.LUT lut = ij.process.LUT.createLutFromColor(background ? java.awt.Color.WHITE : colours[(ch - 1) % colours.length]);
			lut.min = 0;
			lut.max = 1;
			c.setChannelLut(lut, ch);
			active.append(hidden ? '0' : '1');
		}
		c.setActiveChannels(active.toString());
		c.setC(Math.min(2, names.length));
		return c;
	}

	/** Every channel at (z, t) for the per-channel columns, C1, C2, …; none for a one-channel image. */
	private static ObjectMeasurements.Channels everyChannel(ImagePlus imp, int z, int t) {
		int n = imp.getNChannels();
		if (n < 2) return ObjectMeasurements.Channels.none();
		float[][] planes = new float[n][];
		String[] names = new String[n];
		for (int c = 1; c <= n; c++) {
			planes[c - 1] = PlaneReader.floats(imp, imp.getStackIndex(c, z, t));
			names[c - 1] = "C" + c;
		}
		return new ObjectMeasurements.Channels(planes, names);
	}

	public static String stripExtension(String name) {
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}
}
