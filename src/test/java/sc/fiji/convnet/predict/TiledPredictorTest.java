package sc.fiji.convnet.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Tiled prediction must equal one whole-image pass everywhere, border included: one call of the network on
 * the image mirrored at its far side up to the size multiple (built here, independently of the tiler), on
 * a U-Net whose receptive field (44 px for depth 2) is far larger than one tile's border, and on image
 * sizes that are odd and not multiples of the tile.
 */
class TiledPredictorTest {

	@ParameterizedTest
	@CsvSource({ "97, 131, 64", "200, 75, 72", "133, 47, 48" })
	void tiledEqualsUntiled(int h, int w, int tile) {
		Network net = UNet.builder().inChannels(1).classes(2).depth(2).baseWidth(4).seed(7).build();
		EnginePredictor predictor = new EnginePredictor(net, "test");
		int halo = predictor.halo();
		assertTrue(halo * 2 >= net.receptiveField().size() - 1, "halo covers the receptive field");
		float[] pixels = new float[h * w];
		SplittableRandom rng = new SplittableRandom(1);
		for (int i = 0; i < pixels.length; i++) pixels[i] = (float) rng.nextDouble();
		Tensor image = new Tensor(pixels, 1, 1, h, w);
		Tensor whole = wholeImagePass(predictor, image);
		TiledPredictor tiler = new TiledPredictor(predictor, Math.max(tile, 2 * halo + 8), halo);
		assertTrue(tiler.grid(w, h).count() > 1, "several tiles");
		Tensor tiled = tiler.predict(image, Progress.NONE);
		assertArrayEquals(whole.shape(), tiled.shape());
		float[] a = whole.data(), b = tiled.data();
		double maxDiff = 0, maxAbs = 0;
		for (int i = 0; i < a.length; i++) {
			maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
			maxAbs = Math.max(maxAbs, Math.abs(a[i]));
		}
		assertTrue(maxDiff <= 1e-4 * Math.max(1, maxAbs), "max difference " + maxDiff + " (values up to " + maxAbs + ")");
	}

	/** One network call on the image padded by reflection at the right and bottom to the size multiple, cropped back. */
	static Tensor wholeImagePass(Predictor predictor, Tensor image) {
		int m = predictor.sizeMultiple(), c = image.c(), h = image.h(), w = image.w();
		int ph = (h + m - 1) / m * m, pw = (w + m - 1) / m * m;
		Tensor padded = Tensor.zeros(1, c, ph, pw);
		for (int k = 0; k < c; k++)
			for (int y = 0; y < ph; y++)
				for (int x = 0; x < pw; x++)
					padded.set(image.get(0, k, y < h ? y : 2 * (h - 1) - y, x < w ? x : 2 * (w - 1) - x), 0, k, y, x);
		Tensor out = predictor.predict(padded);
		Tensor cropped = Tensor.zeros(1, out.c(), h, w);
		for (int k = 0; k < out.c(); k++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) cropped.set(out.get(0, k, y, x), 0, k, y, x);
		return cropped;
	}

	@Test
	void anImageWithinTheBudgetIsOneCallOnExactlyItsPixels() {
		int h = 61, w = 90;
		EnginePredictor engine = new EnginePredictor(UNet.builder().inChannels(1).classes(2).depth(2).baseWidth(4).seed(7).build(), "test");
		List<int[]> shapes = new ArrayList<>();
		Predictor counting = new Predictor() {
			@Override public Tensor predict(Tensor in) { shapes.add(in.shape()); return engine.predict(in); }
			@Override public int sizeMultiple() { return engine.sizeMultiple(); }
			@Override public int halo() { return engine.halo(); }
			@Override public String describe() { return "counting"; }
		};
		float[] pixels = new float[h * w];
		SplittableRandom rng = new SplittableRandom(3);
		for (int i = 0; i < pixels.length; i++) pixels[i] = (float) rng.nextDouble();
		Tensor image = new Tensor(pixels, 1, 1, h, w);
		Tensor tiled = new TiledPredictor(counting).predict(image, Progress.NONE);
		assertEquals(1, shapes.size());
		assertArrayEquals(new int[] { 1, 1, 64, 92 }, shapes.get(0)); // padded to multiples of 4 only, no halo
		assertArrayEquals(wholeImagePass(engine, image).data(), tiled.data());

		// already a multiple of the size multiple: the predictor gets the image tensor itself
		List<Tensor> passed = new ArrayList<>();
		Predictor recording = new Predictor() {
			@Override public Tensor predict(Tensor in) { passed.add(in); return engine.predict(in); }
			@Override public int sizeMultiple() { return engine.sizeMultiple(); }
			@Override public String describe() { return "recording"; }
		};
		Tensor exact = new Tensor(Arrays.copyOf(pixels, 64 * 92), 1, 1, 64, 92);
		Tensor out = new TiledPredictor(recording).predict(exact, Progress.NONE);
		assertEquals(1, passed.size());
		assertSame(exact, passed.get(0));
		assertArrayEquals(engine.predict(exact).data(), out.data());
	}
}
