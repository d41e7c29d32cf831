package sc.fiji.convnet.engine.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Splits annotated items into training and validation when no validation set is given. */
public final class HoldOut {

	private HoldOut() {}

	/** [train, val]: all of {@code annotated} with the validation items {@code given}, or when none are given (null) a held-out share. */
	public static <T> List<List<T>> split(List<T> annotated, List<T> given, double share, long seed) {
		return given != null ? List.of(annotated, given) : split(annotated, share, seed);
	}

	/** A seeded shuffle, then {@code share} of the items (at least one, none of fewer than two) held out: [train, val]. */
	public static <T> List<List<T>> split(List<T> all, double share, long seed) {
		List<T> shuffled = new ArrayList<>(all);
		Collections.shuffle(shuffled, new Random(seed));
		int n = all.size() < 2 || share <= 0 ? 0 : Math.max(1, (int) Math.round(share * all.size()));
		return List.of(shuffled.subList(n, shuffled.size()), shuffled.subList(0, n));
	}
}
