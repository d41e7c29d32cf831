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

	@Test
	void crowdedImagesGiveMoreCropsWithinTheirSizeClass() {
		// two images of 2-px nuclei, one with 1 and one with 4 of them, and one image of a 6-px nucleus (another class)
		List<NucleiSample> train = List.of(
				new NucleiSample("sparse", 8, 8, new float[64], new LabelImage(8, 8, labels("11......", "11......", "........", "........",
						"........", "........", "........", "........"), 1)),
				new NucleiSample("crowded", 8, 8, new float[64], new LabelImage(8, 8, labels("11..22..", "11..22..", "........", "........",
						"33..44..", "33..44..", "........", "........"), 4)),
				new NucleiSample("large", 8, 8, new float[64], new LabelImage(8, 8, labels("555555..", "555555..", "555555..", "555555..",
						"555555..", "555555..", "........", "........"), 5)));
		NucleiTraining.Pool pool = new NucleiTraining.Pool(train, null);
		SplittableRandom rng = new SplittableRandom(3);
		int[] count = new int[3];
		int draws = 30000;
		for (int i = 0; i < draws; i++) count[pool.draw(rng)]++;
		// the class of 2-px nuclei keeps its share 2/√2 : 1, and splits it √1 : √4 between its images
		double smallClass = Math.sqrt(2) / (Math.sqrt(2) + 1);
		assertEquals(smallClass / 3, count[0] / (double) draws, 0.01, "sparse");
		assertEquals(smallClass * 2 / 3, count[1] / (double) draws, 0.01, "crowded");
		assertEquals(1 - smallClass, count[2] / (double) draws, 0.01, "the other class");
	}
}
