package sc.fiji.convnet.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Tiled prediction must equal one whole-image pass (a single tile that covers the image) everywhere,
 * on a U-Net whose receptive field (44 px for depth 2) is far larger than one tile's border, and on
 * image sizes that are odd and not multiples of the tile.
 */
class TiledPredictorTest {

	@ParameterizedTest
	@CsvSource({ "97, 131, 64", "200, 75, 72", "33, 47, 48" })
	void tiledEqualsUntiled(int h, int w, int tile) {
		Network net = UNet.builder().inChannels(1).classes(2).depth(2).baseWidth(4).seed(7).build();
		EnginePredictor predictor = new EnginePredictor(net, "test");
		int halo = predictor.halo();
		assertTrue(halo * 2 >= net.receptiveField().size() - 1, "halo covers the receptive field");
		float[] pixels = new float[h * w];
		SplittableRandom rng = new SplittableRandom(1);
		for (int i = 0; i < pixels.length; i++) pixels[i] = (float) rng.nextDouble();
		Tensor image = new Tensor(pixels, 1, 1, h, w);
		Tensor whole = new TiledPredictor(predictor, 4 * Math.max(h, w) + 2 * halo, halo).predict(image, Progress.NONE);
		Tensor tiled = new TiledPredictor(predictor, Math.max(tile, 2 * halo + 8), halo).predict(image, Progress.NONE);
		assertArrayEquals(whole.shape(), tiled.shape());
		float[] a = whole.data(), b = tiled.data();
		double maxDiff = 0, maxAbs = 0;
		for (int i = 0; i < a.length; i++) {
			maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
			maxAbs = Math.max(maxAbs, Math.abs(a[i]));
		}
		assertTrue(maxDiff <= 1e-4 * Math.max(1, maxAbs), "max difference " + maxDiff + " (values up to " + maxAbs + ")");
	}
}
