package sc.fiji.convnet.explain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.explain.ClassNames;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.tensor.Tensor;

/** The exported classifier: ONNX Runtime agrees with the engine on an image larger than the crops; the description names the classes. */
class ClassifierExportTest {

	private static Tensor random(long seed, int... shape) {
		Tensor t = Tensor.zeros(shape);
		SplittableRandom r = new SplittableRandom(seed);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) r.nextDouble();
		return t;
	}

	@Test
	@SuppressWarnings("unchecked")
	void onnxMatchesTheEngineAtAnySizeAndTheDescriptionListsTheClasses(@TempDir Path tmp) throws Exception {
		Network net = CellClassifierNet.build(4, CellCrops.CLASSES.size(), 3);
		ClassifierTraining.Accuracy acc = new ClassifierTraining.Accuracy(0.5, 0.5, new double[] { 1, 1, 0, 0 }, new int[4][4]);
		Path yaml = ClassifierExport.export(net, 16, tmp, "train-classifier --test", acc, random(1, 1, 3, 16, 16));
		Map<String, Object> d = new Yaml().load(java.nio.file.Files.readString(yaml));
		Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) d.get("config")).get("convnet");
		assertEquals("classification", c.get("task"));
		assertEquals(List.of("RBC", "WBC", "Platelets", "background"), c.get("classes"));
		assertEquals("rgb 0-1", c.get("input"));
		assertEquals(16, c.get("crop"));
		assertEquals(1, ClassNames.resolve(sc.fiji.convnet.model.ModelFiles.at(tmp.resolve("model.onnx")), "WBC"));
		Tensor image = random(2, 1, 3, 40, 72);
		float[] engine = net.forward(image.copy(), Phase.INFERENCE).data();
		try (OnnxSession s = OnnxSession.open(tmp.resolve("model.onnx"), 1)) {
			assertArrayEquals(engine, s.run(image).data(), 1e-4f);
		}
	}
}
