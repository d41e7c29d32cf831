package sc.fiji.convnet.ij;

import java.awt.Rectangle;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.ImageProcessor;
import sc.fiji.convnet.segment.LabelImage;
import sc.fiji.convnet.segment.train.NucleiSample;

/**
 * The user's annotations as training images: a folder of images with a folder of label images matched by name, or
 * open images with their ROIs (each ROI one nucleus). One channel is read, as Segment Nuclei reads it.
 */
public final class AnnotatedImages {

	/** Endings a label image's name may add to its image's name: {@code a.tif} ↔ {@code a.tif}, {@code a_labels.tif}, {@code a_mask.png}… */
	private static final List<String> LABEL_SUFFIXES = List.of("", "_labels", "_label", "_masks", "_mask", "-labels", "-label", "_lbl", ".tif_labels");

	private AnnotatedImages() {}

	/**
	 * Every image of {@code images} that has a label image of the same size in {@code labels}; images without one are
	 * reported to {@code log} and left out, as are files that do not open.
	 *
	 * @throws IOException naming the folders when no image has labels
	 */
	public static List<NucleiSample> fromFolders(File images, File labels, int channel, Consumer<String> log) throws IOException {
		if (!images.isDirectory()) throw new IOException("images folder " + images + " does not exist");
		if (!labels.isDirectory()) throw new IOException("labels folder " + labels + " does not exist");
		Map<String, File> labelFiles = new LinkedHashMap<>();
		for (File f : sorted(labels)) labelFiles.putIfAbsent(base(f.getName()).toLowerCase(Locale.ROOT), f);
		List<NucleiSample> out = new ArrayList<>();
		for (File image : sorted(images)) {
			if (!ImageFiles.looksLikeImage(image)) continue;
			File label = labelOf(image, labelFiles);
			if (label == null) {
				log.accept("no label image for " + image.getName() + " in " + labels + ": left out");
				continue;
			}
			try {
				out.add(sample(image.getName(), ImageFiles.open(image), ImageFiles.open(label), channel));
			} catch (IOException | RuntimeException e) {
				log.accept(image.getName() + ": left out: " + e.getMessage());
			}
		}
		if (out.isEmpty()) throw new IOException("no image of " + images + " has a label image of the same name in " + labels);
		return out;
	}

	private static File labelOf(File image, Map<String, File> labelFiles) {
		String stem = base(image.getName()).toLowerCase(Locale.ROOT);
		for (String suffix : LABEL_SUFFIXES) {
			File f = labelFiles.get(stem + suffix);
			if (f != null && !f.equals(image)) return f;
		}
		return null;
	}

	static String base(String name) {
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	static File[] sorted(File dir) {
		File[] files = dir.listFiles(File::isFile);
		if (files == null) return new File[0];
		Arrays.sort(files);
		return files;
	}

	/** An image and its label image (any integer-valued type; 0 = background) as one training sample. */
	static NucleiSample sample(String id, ImagePlus image, ImagePlus labels, int channel) throws IOException {
		if (image.getWidth() != labels.getWidth() || image.getHeight() != labels.getHeight())
			throw new IOException("image " + image.getWidth() + "×" + image.getHeight() + " and its labels " + labels.getWidth() + "×" + labels.getHeight()
					+ " differ in size");
		if (labels.getBitDepth() == 24) throw new IOException("the label image is RGB; labels must be one integer per nucleus (8, 16 or 32-bit)");
		ImageProcessor lp = labels.getProcessor();
		int n = lp.getPixelCount(), max = 0;
		int[] l = new int[n];
		for (int i = 0; i < n; i++) {
			float v = lp.getf(i);
			if (v < 0 || v != Math.rint(v)) throw new IOException("the label image holds " + v + "; labels must be whole numbers ≥ 0");
			l[i] = (int) v;
			max = Math.max(max, l[i]);
		}
		return new NucleiSample(id, image.getWidth(), image.getHeight(), PlaneReader.floats(image, stackIndex(image, channel)),
				new LabelImage(image.getWidth(), image.getHeight(), l, max));
	}

	private static int stackIndex(ImagePlus imp, int channel) throws IOException {
		if (channel > imp.getNChannels()) throw new IOException("channel " + channel + " is missing (the image has " + imp.getNChannels() + ")");
		return imp.getStackIndex(channel, imp.getZ(), imp.getT());
	}

	/**
	 * An open image with its ROIs as one sample, cut to the rectangle around the ROIs, since nuclei outside it may be
	 * unannotated; each area ROI is one nucleus (where ROIs overlap, the later one keeps the pixel). Null without area ROIs.
	 */
	public static NucleiSample fromRois(ImagePlus imp, Roi[] rois, int channel) throws IOException {
		List<Roi> areas = new ArrayList<>();
		for (Roi r : rois) if (r != null && r.isArea()) areas.add(r);
		if (areas.isEmpty()) return null;
		Rectangle box = null;
		for (Roi r : areas) box = box == null ? r.getBounds() : box.union(r.getBounds());
		box = box.intersection(new Rectangle(0, 0, imp.getWidth(), imp.getHeight()));
		if (box.isEmpty()) return null;
		int w = box.width, h = box.height;
		int[] labels = new int[w * h];
		int id = 0;
		for (Roi r : areas) {
			id++;
			Rectangle b = r.getBounds();
			ImageProcessor mask = r.getMask();
			for (int y = Math.max(b.y, box.y); y < Math.min(b.y + b.height, box.y + h); y++)
				for (int x = Math.max(b.x, box.x); x < Math.min(b.x + b.width, box.x + w); x++)
					if (mask == null || mask.get(x - b.x, y - b.y) != 0) labels[(y - box.y) * w + x - box.x] = id;
		}
		float[] plane = PlaneReader.floats(imp, stackIndex(imp, channel));
		float[] cut = new float[w * h];
		for (int y = 0; y < h; y++) System.arraycopy(plane, (box.y + y) * imp.getWidth() + box.x, cut, y * w, w);
		return new NucleiSample(imp.getTitle(), w, h, cut, new LabelImage(w, h, labels, id));
	}

	/** The area ROIs of an image's overlay (none when it has no overlay). */
	public static Roi[] overlayRois(ImagePlus imp) {
		Overlay o = imp.getOverlay();
		return o == null ? new Roi[0] : o.toArray();
	}
}
