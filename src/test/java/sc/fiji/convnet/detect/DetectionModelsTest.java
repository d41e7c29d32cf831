package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.detect.train.DetectorDesign;
import sc.fiji.convnet.detect.train.DetectorExport;
import sc.fiji.convnet.detect.train.GridDetectorNet;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.predict.EnginePredictor;

/** An exported grid detector, opened from its description and run by ONNX Runtime, finds the boxes the engine finds. */
class DetectionModelsTest {

	@TempDir Path dir;

	static RgbImage randomImage(int w, int h, long seed) {
		SplittableRandom rng = new SplittableRandom(seed);
		float[] p = new float[3 * w * h];
		for (int i = 0; i < p.length; i++) p[i] = (float) rng.nextDouble();
		return new RgbImage(w, h, p);
	}

	@Test
	void onnxGridDetectorMatchesTheEngine() throws IOException {
		GridLayout layout = new GridLayout(List.of("Platelets", "RBC", "WBC"), 16, 32);
		Network net = GridDetectorNet.build(layout, 8, 5);
		RgbImage image = randomImage(200, 150, 1);
		DetectorExport.export(net, layout, 0.5, dir, "train-detector (test)", 0, image);
		Detector onnx = DetectionModels.load(dir.toString());
		assertEquals(layout.classes(), onnx.classes());
		DetectionSettings s = new DetectionSettings(new double[] { 1, 1.5 }, 1, 0.0, 0.45, false);
		List<Box> fromOnnx = onnx.detect(image, s);
		List<Box> fromEngine = new GridDetector(new EnginePredictor(net, "test"), layout, 0.5).detect(image, s.scales(), s.views(), 0.0, s.nms());
		assertTrue(fromEngine.size() > 10, "an untrained net gives many boxes at score 0: " + fromEngine.size());
		assertSameBoxes(fromEngine, fromOnnx);
	}

	static void assertSameBoxes(List<Box> expected, List<Box> actual) {
		assertEquals(expected.size(), actual.size());
		for (int i = 0; i < expected.size(); i++) {
			Box a = expected.get(i), b = actual.get(i);
			assertEquals(a.label(), b.label());
			assertEquals(a.score(), b.score(), 1e-4);
			assertEquals(a.x(), b.x(), 1e-2);
			assertEquals(a.y(), b.y(), 1e-2);
			assertEquals(a.width(), b.width(), 1e-2);
			assertEquals(a.height(), b.height(), 1e-2);
		}
	}

	@Test
	void onnxCentreDetectorMatchesTheEngine() throws IOException {
		DetectorDesign design = DetectorDesign.of("centre", List.of("Platelets", "RBC", "WBC"));
		Network net = design.build(8, 6);
		RgbImage image = randomImage(200, 150, 3);
		DetectorExport.export(net, design, 0.75, dir, "train-detector --arch centre (test)", 0, image);
		String yaml = Files.readString(dir.resolve("bioimageio.yaml"));
		assertTrue(yaml.contains("decoder: centre") && yaml.contains("step: 32"), yaml);
		Detector onnx = DetectionModels.load(dir.toString());
		assertEquals(design.decoder().classes(), onnx.classes());
		assertTrue(onnx.describe().contains("centre detector, stride 8"), onnx.describe());
		DetectionSettings s = new DetectionSettings(new double[] { 1, 1.3 }, 1, 0.0, 0.45, false);
		List<Box> fromOnnx = onnx.detect(image, s);
		List<Box> fromEngine = new GridDetector(new EnginePredictor(net, "test"), design.decoder(), 0.75).detect(image, s.scales(), s.views(), 0.0, s.nms());
		assertTrue(fromEngine.size() > 10, "an untrained net has many peaks at score 0: " + fromEngine.size());
		assertSameBoxes(fromEngine, fromOnnx);
	}

	@Test
	void descriptionWithoutDecoderNamesTheFile() throws IOException {
		GridLayout layout = new GridLayout(List.of("a"), 16, 32);
		DetectorExport.export(GridDetectorNet.build(layout, 8, 5), layout, 1, dir, "x", 0, randomImage(64, 64, 2));
		Path yaml = dir.resolve("bioimageio.yaml");
		Files.writeString(yaml, Files.readString(yaml).replace("decoder: grid", "decoder: nonsense"));
		IOException e = assertThrows(IOException.class, () -> DetectionModels.load(dir.toString()));
		assertTrue(e.getMessage().contains("bioimageio.yaml") && e.getMessage().contains("nonsense"), e.getMessage());
		// the dialog's choice overrides the description
		assertEquals(List.of("a"), DetectionModels.load(dir.toString(), "grid").classes());
	}
}
