package sc.fiji.convnet.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.model.ModelDescriptor;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.tensor.Npy;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The model the plugin ships: its ONNX weights, run by ONNX Runtime through its own description,
 * reproduce the test output that the engine computed when it was exported (engine ⇄ ORT parity on
 * the real network), and the pipeline reads what its outputs mean.
 */
class ShippedNucleiModelTest {

	@Test
	void onnxRuntimeReproducesTheEnginesTestOutput() throws Exception {
		Path dir = Path.of("models/nuclei");
		assertTrue(Files.isRegularFile(dir.resolve("bioimageio.yaml")), "models/nuclei is shipped");
		ModelDescriptor d = ModelRepository.of(Path.of("models"), null).resolve("nuclei").descriptor();
		Tensor input = Npy.read(d.testInputs().get(0)), expected = Npy.read(d.testOutputs().get(0));
		try (OnnxSession s = OnnxSession.open(d.weights(), 2)) {
			Tensor out = d.output().postprocess(s.run(d.input().preprocess(input)));
			assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(out.shape()));
			double maxDiff = 0, maxAbs = 0;
			for (int i = 0; i < out.size(); i++) {
				maxDiff = Math.max(maxDiff, Math.abs(out.data()[i] - expected.data()[i]));
				maxAbs = Math.max(maxAbs, Math.abs(expected.data()[i]));
			}
			assertTrue(maxDiff <= 1e-4 * maxAbs, "max difference " + maxDiff + " of " + maxAbs);
		}
		SegmentationModel m = SegmentationModels.load("models/nuclei");
		assertEquals(InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY_DISTANCE, m.outputKind());
		assertTrue(m.trainedDiameter() > 5 && m.trainedDiameter() < 60, "diameter " + m.trainedDiameter());
	}
}
