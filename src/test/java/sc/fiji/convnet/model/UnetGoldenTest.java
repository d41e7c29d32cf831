package sc.fiji.convnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.SessionCache;
import sc.fiji.convnet.tensor.Npy;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The published bioimage.io example reproduces its own expected output: descriptor preprocessing → ONNX Runtime →
 * descriptor postprocessing, with both the 0.5 and the 0.4 description.
 */
class UnetGoldenTest {

	@ParameterizedTest
	@ValueSource(strings = { "bioimageio.yaml", "v0_4_9.bioimageio.yaml" })
	void reproducesTestOutput(String yaml) throws Exception {
		Path file = TestData.require(TestData.UNET.resolve(yaml));
		ModelDescriptor d = BioimageioReader.read(file);
		assertEquals(1, d.testInputs().size());
		Tensor input = Npy.read(d.testInputs().get(0));
		Tensor expected = Npy.read(d.testOutputs().get(0));
		assertArrayEquals(new int[] { 1, 1, 512, 512 }, input.shape());

		TensorDescription in = d.input(), out = d.output();
		in.checkShape(input);
		try (SessionCache cache = new SessionCache()) {
			OnnxSession s = cache.get(d.weights(), 2);
			Tensor raw = s.run(in.preprocess(input));
			Tensor result = out.postprocess(raw);
			assertArrayEquals(expected.shape(), result.shape());
			double maxDiff = 0;
			for (int i = 0; i < result.size(); i++) maxDiff = Math.max(maxDiff, Math.abs(result.data()[i] - expected.data()[i]));
			System.out.println(yaml + ": max |result - test_output.npy| = " + maxDiff);
			assertTrue(maxDiff < 1e-4, "max difference " + maxDiff);
			// without the sigmoid the logits are far from the expected probabilities: the postprocessing matters
			double rawDiff = 0;
			for (int i = 0; i < raw.size(); i++) rawDiff = Math.max(rawDiff, Math.abs(raw.data()[i] - expected.data()[i]));
			assertTrue(rawDiff > 0.1, "raw logits already match? " + rawDiff);
		}
	}
}
