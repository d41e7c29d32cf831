package sc.fiji.convnet.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy non-max suppression (Bishop 10.4.5): drop boxes scoring below the score threshold, then take
 * the highest-scoring box, discard every remaining box that overlaps it with IoU above the IoU
 * threshold, and repeat. Per class (boxes of different classes never suppress each other) or
 * class-agnostic (any box suppresses any other). The result is sorted by decreasing score.
 */
public final class NonMaxSuppression {

	private final double scoreThreshold, iouThreshold;
	private final boolean classAgnostic;
	private final int maxDetections;

	public NonMaxSuppression(double scoreThreshold, double iouThreshold, boolean classAgnostic) {
		this(scoreThreshold, iouThreshold, classAgnostic, Integer.MAX_VALUE);
	}

	public NonMaxSuppression(double scoreThreshold, double iouThreshold, boolean classAgnostic, int maxDetections) {
		if (!(iouThreshold >= 0 && iouThreshold <= 1))
			throw new IllegalArgumentException("NonMaxSuppression: IoU threshold " + iouThreshold + " is outside [0, 1]");
		if (Double.isNaN(scoreThreshold)) throw new IllegalArgumentException("NonMaxSuppression: score threshold is NaN");
		if (maxDetections <= 0) throw new IllegalArgumentException("NonMaxSuppression: max detections must be positive, got " + maxDetections);
		this.scoreThreshold = scoreThreshold;
		this.iouThreshold = iouThreshold;
		this.classAgnostic = classAgnostic;
		this.maxDetections = maxDetections;
	}

	/** The same suppression with another score threshold. */
	public NonMaxSuppression withScoreThreshold(double threshold) {
		return new NonMaxSuppression(threshold, iouThreshold, classAgnostic, maxDetections);
	}

	public List<Box> apply(List<Box> boxes) {
		List<Box> kept;
		if (classAgnostic) kept = greedy(boxes, scoreThreshold, iouThreshold);
		else {
			Map<String, List<Box>> byClass = new LinkedHashMap<>();
			for (Box b : boxes) byClass.computeIfAbsent(b.label(), k -> new ArrayList<>()).add(b);
			kept = new ArrayList<>();
			for (List<Box> one : byClass.values()) kept.addAll(greedy(one, scoreThreshold, iouThreshold));
			kept.sort(BY_SCORE);
		}
		return kept.size() > maxDetections ? new ArrayList<>(kept.subList(0, maxDetections)) : kept;
	}

	/** Decreasing score; ties keep their input order (the sort is stable). */
	public static final Comparator<Box> BY_SCORE = Comparator.comparingDouble(Box::score).reversed();

	/** Greedy suppression over all the given boxes regardless of class. */
	public static List<Box> greedy(List<Box> boxes, double scoreThreshold, double iouThreshold) {
		List<Box> candidates = new ArrayList<>();
		for (Box b : boxes) if (b.score() >= scoreThreshold) candidates.add(b);
		candidates.sort(BY_SCORE);
		boolean[] removed = new boolean[candidates.size()];
		List<Box> kept = new ArrayList<>();
		for (int i = 0; i < candidates.size(); i++) {
			if (removed[i]) continue;
			Box best = candidates.get(i);
			kept.add(best);
			for (int j = i + 1; j < candidates.size(); j++)
				if (!removed[j] && Iou.of(best, candidates.get(j)) > iouThreshold) removed[j] = true;
		}
		return kept;
	}
}
