package sc.fiji.convnet.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.segment.NucleiSegmenter;

class OptionTest {

	@Test
	void aKeyMustBeTheFirstWordOfItsLabelAndAFieldName() {
		assertEquals("seed", Option.macroKey("Seed threshold"));
		assertEquals("iou", Option.macroKey("IoU threshold (NMS)"));
		assertThrows(IllegalArgumentException.class, () -> Option.number("seedThreshold", "Seed threshold", 0.7));
		assertThrows(IllegalArgumentException.class, () -> Option.integer("class", "Class", 0));
		assertThrows(IllegalArgumentException.class, () -> Option.flag("add", "Show the table", false));
	}

	@Test
	void requestsHoldTheDefaultsAndTakeAliases() {
		SegmentRequest s = SegmentRequest.defaults();
		assertEquals(NucleiSegmenter.DEFAULT_SEED_THRESHOLD, s.seed());
		assertEquals(NucleiSegmenter.DEFAULT_MIN_AREA, s.minimum());
		assertEquals(0.55, s.with("seed-threshold", 0.55).seed());
		assertEquals(DetectionSettings.DEFAULT_SCORE, DetectRequest.defaults().score());
		assertEquals(DetectionSettings.DEFAULT_IOU, DetectRequest.defaults().settings().iouThreshold());
		assertEquals(true, DetectRequest.defaults().with("class-agnostic", true).agnostic());
		assertEquals("5", SaliencyRequest.defaults().with("class", 5).target());
		assertEquals(Normalization.ZSCORE, ClassifyRequest.defaults().with("normalization", "zscore").normalization());
		assertThrows(IllegalArgumentException.class, () -> s.with("views", 3));
		assertThrows(IllegalArgumentException.class, () -> s.with("nonsense", 3));
	}
}
