package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.segment.train.DistanceTarget;

class StarPolygonsTest {

	/** Touching ellipses, their maps made from the labels themselves: every nucleus comes back as one polygon. */
	@Test
	void perfectMapsOfTouchingNucleiGiveOnePolygonEach() {
		int w = 96, h = 80;
		int[] truth = new int[w * h];
		double[][] e = { { 30, 30, 12, 9 }, { 52, 32, 11, 10 }, { 40, 52, 10, 12 }, { 75, 60, 8, 8 } }; // the first three touch
		for (int b = 0; b < e.length; b++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double u = (x - e[b][0]) / e[b][2], v = (y - e[b][1]) / e[b][3];
					if (u * u + v * v <= 1 && truth[y * w + x] == 0) truth[y * w + x] = b + 1;
				}
		float[] score = DistanceTarget.of(truth, w, h);
		float[][] rays = StarRays.lengths(truth, w, h, 32);
		boolean[] allowed = new boolean[w * h];
		for (int i = 0; i < allowed.length; i++) allowed[i] = truth[i] != 0;
		List<StarPolygons.Star> stars = new StarPolygons(0.5, 0.4).find(score, rays, allowed, w, h);
		assertEquals(4, stars.size());
		LabelImage painted = StarPolygons.paint(stars, w, h, 1);
		SegmentationMetrics m = new SegmentationMetrics(0.8);
		m.add(new LabelImage(w, h, truth, 4), painted);
		assertEquals(1.0, m.averagePrecision(0), 1e-9, "every nucleus matched at IoU 0.8");
		// painted at twice the size, the polygons cover the nuclei of the labels enlarged
		LabelImage big = StarPolygons.paint(stars, 2 * w, 2 * h, 2);
		SegmentationMetrics m2 = new SegmentationMetrics(0.8);
		m2.add(new LabelImage(w, h, truth, 4).sampled(2 * w, 2 * h), big);
		assertEquals(1.0, m2.averagePrecision(0), 1e-9);
	}

	@Test
	void aProposalOverlappingASurerPolygonIsSuppressedAndADistinctOneKept() {
		int w = 40, h = 20, r = 8;
		float[] score = new float[w * h];
		float[][] rays = new float[r][w * h];
		boolean[] allowed = new boolean[w * h];
		java.util.Arrays.fill(allowed, true);
		int a = 10 * w + 10, b = 10 * w + 12, c = 10 * w + 28; // b nearly a copy of a, c apart
		score[a] = 0.9f; score[b] = 0.8f; score[c] = 0.7f;
		for (int k = 0; k < r; k++) rays[k][a] = rays[k][b] = rays[k][c] = 0.6f;
		List<StarPolygons.Star> stars = new StarPolygons(0.5, 0.4).find(score, rays, allowed, w, h);
		assertEquals(2, stars.size());
		assertEquals(a, stars.get(0).y() * w + stars.get(0).x());
		assertEquals(c, stars.get(1).y() * w + stars.get(1).x());
		assertTrue(stars.get(0).area() > 95 && stars.get(0).area() < 110, "an octagon of circumradius 6 px covers 102 px², got " + stars.get(0).area());
	}

	@Test
	void rasterOfAnOctagonMatchesItsArea() {
		SplittableRandom rnd = new SplittableRandom(3);
		float[] l = new float[32];
		for (int k = 0; k < 32; k++) l[k] = (float) (9 + rnd.nextDouble());
		StarPolygons.Star s = new StarPolygons.Star(30, 30, l, 1, 0);
		double area = 0;
		for (int k = 0; k < 32; k++) area += 0.5 * l[k] * l[(k + 1) % 32] * Math.sin(2 * Math.PI / 32);
		assertEquals(area, StarPolygons.raster(s, 60, 60).length, 0.03 * area);
	}
}
