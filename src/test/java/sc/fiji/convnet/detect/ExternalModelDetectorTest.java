package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.onnx.write.OnnxDim;
import sc.fiji.convnet.onnx.write.OnnxTensor;
import sc.fiji.convnet.onnx.write.OnnxWriter;

/** Bare .onnx files with fixed detections, opened with a decoder chosen by hand and run by ONNX Runtime. */
class ExternalModelDetectorTest {

	@TempDir Path dir;

	private static OnnxWriter constantModel() {
		OnnxWriter m = new OnnxWriter("fixed").opset(17);
		m.input("images", OnnxDim.of(1), OnnxDim.of(3), OnnxDim.param("h"), OnnxDim.param("w"));
		return m;
	}

	@Test
	void n6OutputsAreDecodedAndSuppressed() throws Exception {
		OnnxWriter m = constantModel();
		// rows x1, y1, x2, y2, score, class: two overlapping boxes of class 1 (IoU 0.81) and one of class 0
		m.initializer(OnnxTensor.floats("rows", new float[] { 10, 10, 30, 30, 0.9f, 1, 11, 11, 31, 31, 0.8f, 1, 50, 40, 60, 70, 0.6f, 0 }, 1, 3, 6));
		m.node("Identity", new String[] { "rows" }, new String[] { "detections" });
		m.output("detections", OnnxDim.of(1, 3, 6));
		Path f = dir.resolve("n6.onnx");
		m.write(f);
		Detector d = DetectionModels.load(f.toString(), "n6");
		List<Box> boxes = d.detect(new RgbImage(100, 80, new float[3 * 100 * 80]), new DetectionSettings(new double[] { 1 }, 1, 0.5, 0.5, false));
		assertEquals(List.of(new Box("1", 0.9f, 10, 10, 20, 20), new Box("0", 0.6f, 50, 40, 10, 30)), boxes);
	}

	@Test
	void boxesAndScoresOutputsGiveOneBoxPerClass() throws Exception {
		OnnxWriter m = constantModel();
		m.initializer(OnnxTensor.floats("b", new float[] { 5, 6, 25, 46 }, 1, 1, 4));
		m.initializer(OnnxTensor.floats("s", new float[] { 0.7f, 0.65f }, 1, 1, 2));
		m.node("Identity", new String[] { "b" }, new String[] { "boxes" });
		m.node("Identity", new String[] { "s" }, new String[] { "scores" });
		m.output("boxes", OnnxDim.of(1, 1, 4));
		m.output("scores", OnnxDim.of(1, 1, 2));
		Path f = dir.resolve("ssd.onnx");
		m.write(f);
		Detector d = DetectionModels.load(f.toString(), "boxes_scores");
		DetectionSettings s = new DetectionSettings(new double[] { 1 }, 1, 0.5, 0.5, false);
		assertEquals(2, d.detect(new RgbImage(64, 64, new float[3 * 64 * 64]), s).size(), "per-class NMS keeps both classes of one box");
		List<Box> agnostic = d.detect(new RgbImage(64, 64, new float[3 * 64 * 64]), new DetectionSettings(new double[] { 1 }, 1, 0.5, 0.5, true));
		assertEquals(List.of(new Box("0", 0.7f, 5, 6, 20, 40)), agnostic);
	}
}
