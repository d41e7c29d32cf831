package sc.fiji.convnet.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.export.OnnxExporter;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

class OcclusionSensitivityTest {

	@TempDir
	Path tmp;

	@Test
	void originsCoverTheAxisUpToTheBorder() {
		assertArrayEquals(new int[] { 0, 4, 8 }, OcclusionSensitivity.origins(16, 8, 4));
		assertArrayEquals(new int[] { 0, 4, 8, 9 }, OcclusionSensitivity.origins(17, 8, 4));
		assertArrayEquals(new int[] { 0 }, OcclusionSensitivity.origins(5, 8, 4));
		assertArrayEquals(new int[] { 0, 3, 6, 9, 12 }, OcclusionSensitivity.origins(16, 4, 3));
	}

	/** The blob detector exported to ONNX and run by ONNX Runtime: hiding the bright square drops class 0. */
	@Test
	void occludingTheObjectDropsTheScoreThroughOnnxRuntime() throws Exception {
		Network net = TinyNets.blobDetector();
		Path file = tmp.resolve("blobs.onnx");
		OnnxExporter.export(net, file);
		Tensor x = TinyNets.square(16, 16, 11, 4, 1f);
		try (OnnxSession session = OnnxSession.open(file, 1)) {
			AtomicInteger calls = new AtomicInteger();
			BatchClassifier ort = BatchClassifier.of(session);
			BatchClassifier counted = b -> { calls.incrementAndGet(); return ort.scores(b); };
			SaliencyMap m = OcclusionSensitivity.of(counted).patch(4).stride(2).baseline(0).batchSize(7).classIndex(0).compute(x);
			assertEquals(1 + (int) Math.ceil(49 / 7.0), calls.get(), "7 × 7 patches in batches of 7, plus the unchanged image");
			int[] peak = m.argmax();
			assertTrue(Math.abs(peak[0] - 11) <= 1 && Math.abs(peak[1] - 4) <= 1, "peak at " + peak[0] + "," + peak[1]);
			// far from the square, the occluder replaces zeros by zeros: no drop at all
			assertEquals(0, m.get(2, 14), 0);
			assertTrue(m.max() > 0.5 * m.score(), "hiding most of the square removes most of the score");
			// ONNX Runtime and the engine agree
			SaliencyMap engine = OcclusionSensitivity.of(BatchClassifier.of(net)).patch(4).stride(2).baseline(0).batchSize(1).classIndex(0).compute(x);
			for (int i = 0; i < m.values().length; i++) assertEquals(engine.values()[i], m.values()[i], 1e-5);
		}
	}

	@Test
	void eachPixelIsTheMeanDropOfThePatchesCoveringIt() {
		// a "model" whose score is the sum of the pixels: a patch at value 0 drops it by the sum under the patch
		BatchClassifier sum = b -> {
			float[][] s = new float[b.dim(0)][1];
			int per = b.size() / b.dim(0);
			for (int n = 0; n < s.length; n++) for (int i = 0; i < per; i++) s[n][0] += b.data()[n * per + i];
			return s;
		};
		Tensor x = TinyNets.random(3, 1, 1, 9, 10);
		SaliencyMap m = OcclusionSensitivity.of(sum).patch(4).stride(3).baseline(0).compute(x);
		int[] ys = OcclusionSensitivity.origins(9, 4, 3), xs = OcclusionSensitivity.origins(10, 4, 3);
		for (int y = 0; y < 9; y++)
			for (int xx = 0; xx < 10; xx++) {
				double total = 0;
				int n = 0;
				for (int y0 : ys) for (int x0 : xs)
					if (y >= y0 && y < y0 + 4 && xx >= x0 && xx < x0 + 4) {
						double under = 0;
						for (int v = y0; v < y0 + 4; v++) for (int u = x0; u < x0 + 4; u++) under += x.get(0, 0, v, u);
						total += under;
						n++;
					}
				assertEquals(total / n, m.get(xx, y), 1e-4);
			}
	}

	@Test
	void cancellingStopsAndBadSettingsAreRefused() {
		BatchClassifier one = b -> new float[b.dim(0)][1];
		Progress cancel = new Progress() {
			@Override public void update(int done, int total) {}
			@Override public boolean cancelled() { return true; }
		};
		assertThrows(CancelledException.class, () -> OcclusionSensitivity.of(one).progress(cancel).compute(Tensor.zeros(1, 1, 8, 8)));
		var e = assertThrows(IllegalArgumentException.class, () -> OcclusionSensitivity.of(one).stride(0));
		assertTrue(e.getMessage().contains("stride"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> OcclusionSensitivity.of(one).classIndex(3).compute(Tensor.zeros(1, 1, 8, 8)));
		assertTrue(e.getMessage().contains("class 3"), e.getMessage());
	}
}
