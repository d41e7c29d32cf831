package sc.fiji.convnet.explain.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.train.DetectionSample;

/**
 * The labelled crop positions of a detection data set for the cell-type classifier: one per box (its centre,
 * class from the box's label) and background positions whose central window touches no box.
 * <p>
 * BCCD images are crowded, so "not overlapping boxes" is asked of the central {@code clearance}×{@code clearance}
 * window of the crop, not of the whole crop; the crop's border may show parts of cells.
 */
public final class CellCrops {

	private CellCrops() {}

	/** Class names in index order; the last is the background. */
	public static final List<String> CLASSES = List.of("RBC", "WBC", "Platelets", "background");
	public static final int BACKGROUND = 3;

	public static int classIndex(String label) {
		int k = CLASSES.indexOf(label);
		if (k < 0 || k == BACKGROUND) throw new IllegalArgumentException("CellCrops: box label '" + label + "' is not one of " + CLASSES.subList(0, BACKGROUND));
		return k;
	}

	/** One crop per box of every sample, by class: {@code result.get(c)} lists the crops of class c (background empty). */
	public static List<List<CellCrop>> objects(List<DetectionSample> samples) {
		for (DetectionSample s : samples) for (Box b : s.boxes()) classIndex(b.label());
		return objects(samples, CLASSES);
	}

	/** One crop per box of every sample, by its label's index in {@code classes}, which must hold every label. */
	public static List<List<CellCrop>> objects(List<DetectionSample> samples, List<String> classes) {
		List<List<CellCrop>> byClass = new ArrayList<>();
		for (int c = 0; c < classes.size(); c++) byClass.add(new ArrayList<>());
		for (int i = 0; i < samples.size(); i++)
			for (Box b : samples.get(i).boxes()) {
				int k = classes.indexOf(b.label());
				if (k < 0) throw new IllegalArgumentException("CellCrops: box label '" + b.label() + "' of " + samples.get(i).id() + " is not one of " + classes);
				byClass.get(k).add(new CellCrop(i, b.centreX(), b.centreY(), Math.max(b.width(), b.height()), k));
			}
		return byClass;
	}

	/**
	 * Up to {@code perImage} background positions per sample, drawn at random among the pixels whose
	 * {@code clearance}-wide central window lies inside the image and touches no box.
	 */
	public static List<CellCrop> background(List<DetectionSample> samples, int clearance, int perImage, long seed) {
		return background(samples, clearance, perImage, seed, BACKGROUND);
	}

	/** The same, labelled with class index {@code label}. */
	public static List<CellCrop> background(List<DetectionSample> samples, int clearance, int perImage, long seed, int label) {
		SplittableRandom rng = new SplittableRandom(seed);
		List<CellCrop> out = new ArrayList<>();
		double half = clearance / 2.0;
		for (int i = 0; i < samples.size(); i++) {
			DetectionSample s = samples.get(i);
			int w = s.image().width(), h = s.image().height(), found = 0;
			if (w < clearance || h < clearance) continue;
			for (int attempt = 0; attempt < perImage * 40 && found < perImage; attempt++) {
				double cx = half + rng.nextDouble() * (w - clearance), cy = half + rng.nextDouble() * (h - clearance);
				if (clear(s.boxes(), cx - half, cy - half, cx + half, cy + half)) {
					out.add(new CellCrop(i, cx, cy, 0, label));
					found++;
				}
			}
		}
		return out;
	}

	static boolean clear(List<Box> boxes, double x0, double y0, double x1, double y1) {
		for (Box b : boxes) if (b.x() < x1 && b.x2() > x0 && b.y() < y1 && b.y2() > y0) return false;
		return true;
	}
}
