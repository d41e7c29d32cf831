package sc.fiji.convnet.detect;

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

/** Detect Objects on one image (one tile) shows named steps and a rising fraction over its scales; Esc stops between scales (issue #19). */
class DetectionProgressTest {

	private final GridLayout layout = new GridLayout(List.of("a"), 16, 16);

	private final class Empty implements Predictor {
		int calls;
		@Override public Tensor predict(Tensor input) {
			calls++;
			int gh = input.h() / 16, gw = input.w() / 16;
			float[] d = new float[layout.channels() * gh * gw];
			java.util.Arrays.fill(d, -30);
			return new Tensor(d, 1, layout.channels(), gh, gw);
		}
		@Override public String describe() { return "empty"; }
	}

	private static final class Recorder implements Progress {
		final List<String> events = new ArrayList<>();
		int cancelAfterUpdates = Integer.MAX_VALUE, updates;
		@Override public void update(int done, int total) { updates++; events.add(done + "/" + total); }
		@Override public boolean cancelled() { return updates >= cancelAfterUpdates; }
		@Override public void stage(String name) { events.add(name); }
	}

	private static final DetectionSettings SETTINGS = new DetectionSettings(new double[] { 0.8, 1, 1.25 }, 1, 0.4, 0.45, false);

	@Test
	void oneImageReportsItsStepsOverTheScales() {
		Empty net = new Empty();
		Recorder r = new Recorder();
		Detector d = new GridModelDetector(new GridDetector(net, layout, 1), "empty");
		d.detect(new RgbImage(64, 64, new float[3 * 64 * 64]), SETTINGS, r);
		assertEquals(List.of("predicting", "333/1000", "667/1000", "1000/1000", "suppressing overlaps"), r.events);
		assertEquals(3, net.calls);
	}

	@Test
	void escapeStopsBetweenScales() {
		Empty net = new Empty();
		Recorder r = new Recorder();
		r.cancelAfterUpdates = 1;
		Detector d = new GridModelDetector(new GridDetector(net, layout, 1), "empty");
		assertThrows(CancelledException.class, () -> d.detect(new RgbImage(64, 64, new float[3 * 64 * 64]), SETTINGS, r));
		assertTrue(net.calls == 1, net.calls + " scales computed after Esc");
	}
}
