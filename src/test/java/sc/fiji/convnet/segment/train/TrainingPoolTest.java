package sc.fiji.convnet.segment.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.segment.LabelImage;

/** How {@link NucleiTraining}'s image pool draws training images. */
class TrainingPoolTest {

	/** Draws {@code text} rows ('.' background, digits labels) as a label array. */
	private static int[] labels(String... rows) {
		int w = rows[0].length();
		int[] l = new int[w * rows.length];
		for (int y = 0; y < rows.length; y++)
			for (int x = 0; x < w; x++) l[y * w + x] = rows[y].charAt(x) == '.' ? 0 : rows[y].charAt(x) - '0';
		return l;
	}

	@Test
	void sourcesGiveEqualSharesOfTheCrops() {
		// one source of 2 images, another of 18: without sources the second gives 90 % of the draws
		List<NucleiSample> train = new java.util.ArrayList<>();
		for (int i = 0; i < 20; i++) {
			int[] l = labels("11..", "11..", "....", "....");
			train.add(new NucleiSample("i" + i, 4, 4, new float[16], new LabelImage(4, 4, l, 1)));
		}
		SplittableRandom rng = new SplittableRandom(1);
		NucleiTraining.Pool plain = new NucleiTraining.Pool(train, null), balanced = new NucleiTraining.Pool(train, new int[] { 2, 18 });
		int draws = 20000, plainFirst = 0, balancedFirst = 0;
		for (int i = 0; i < draws; i++) {
			if (plain.draw(rng) < 2) plainFirst++;
			if (balanced.draw(rng) < 2) balancedFirst++;
		}
		assertEquals(0.1, plainFirst / (double) draws, 0.01);
		assertEquals(0.5, balancedFirst / (double) draws, 0.02);
		assertThrows(IllegalArgumentException.class, () -> new NucleiTraining.Pool(train, new int[] { 2, 17 }));
	}
}
