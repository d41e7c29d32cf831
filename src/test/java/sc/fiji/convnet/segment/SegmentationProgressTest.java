package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.tensor.Tensor;

/** A one-tile image still shows named steps and moving progress, and Esc stops it between views. */
class SegmentationProgressTest {

	/** A "network" that calls bright pixels interior: 3 channels of logits from the input. */
	private static final class Bright implements Predictor {
		int calls;
		@Override public Tensor predict(Tensor in) {
			calls++;
			int plane = in.h() * in.w();
			float[] out = new float[3 * plane];
			for (int i = 0; i < plane; i++) { float v = in.data()[i]; out[i] = 0.5f - v; out[plane + i] = v - 0.5f; out[2 * plane + i] = -2; }
			return new Tensor(out, 1, 3, in.h(), in.w());
		}
		@Override public String describe() { return "bright"; }
	}

	private static final class Recorder implements Progress {
		final List<String> events = new ArrayList<>();
		int cancelAfterUpdates = Integer.MAX_VALUE, updates;
		@Override public void update(int done, int total) { updates++; events.add(done + "/" + total); }
		@Override public boolean cancelled() { return updates >= cancelAfterUpdates; }
		@Override public void stage(String name) { events.add(name); }
	}

	private static SegmentationModel model(Bright net) {
		return new SegmentationModel("bright", net, InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY, t -> t, ChannelSoftmax::apply, 0);
	}

	private static float[] spots(int w, int h) {
		float[] p = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) p[y * w + x] = Math.hypot(x % 32 - 16, y % 32 - 16) < 8 ? 1 : 0;
		return p;
	}

	@Test
	void oneTileReportsItsStepsAndEachView() {
		Bright net = new Bright();
		Recorder r = new Recorder();
		NucleiSegmenter.builder(model(net)).views(4).build().segment(spots(128, 128), 128, 128, r);
		assertEquals(List.of("normalising", "predicting", "1/4", "2/4", "3/4", "4/4", "decoding"), r.events);
		assertEquals(4, net.calls);
	}

	@Test
	void escapeStopsBetweenViews() {
		Bright net = new Bright();
		Recorder r = new Recorder();
		r.cancelAfterUpdates = 2;
		assertThrows(CancelledException.class, () -> NucleiSegmenter.builder(model(net)).views(8).build().segment(spots(64, 64), 64, 64, r));
		assertTrue(net.calls <= 2, net.calls + " views computed after Esc");
	}

	@Test
	void severalTilesReportOneRisingFraction() {
		Bright net = new Bright();
		Recorder r = new Recorder();
		NucleiSegmenter.builder(model(net)).views(2).tileSize(64).halo(8).build().segment(spots(160, 96), 160, 96, r);
		List<Integer> done = r.events.stream().filter(e -> e.endsWith("/1000")).map(e -> Integer.parseInt(e.split("/")[0])).toList();
		assertTrue(done.size() >= 6, "updates " + r.events);
		for (int i = 1; i < done.size(); i++) assertTrue(done.get(i) >= done.get(i - 1), "progress went back: " + done);
		assertEquals(1000, done.get(done.size() - 1));
	}
}
