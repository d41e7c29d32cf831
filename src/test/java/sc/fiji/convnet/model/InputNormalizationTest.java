package sc.fiji.convnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.tensor.Tensor;

/** A model that describes its input is normalised by its description; the chosen normalisation is for bare networks only. */
class InputNormalizationTest {

	/** A 0.5 description of one input whose preprocessing is x · 0.5 + 1. */
	private static final String DESCRIBED = String.join("\n",
			"format_version: 0.5.3",
			"type: model",
			"inputs:",
			"  - id: input",
			"    axes:",
			"      - type: batch",
			"      - type: channel",
			"        channel_names: [c0]",
			"      - {type: space, id: y, size: {min: 2, step: 2}}",
			"      - {type: space, id: x, size: {min: 2, step: 2}}",
			"    preprocessing:",
			"      - id: scale_linear",
			"        kwargs: {gain: 0.5, offset: 1.0}",
			"");

	/** A companion that only names classes. */
	private static final String CLASSES_ONLY = String.join("\n",
			"format_version: 0.5.3",
			"type: model",
			"config:",
			"  convnet:",
			"    classes: [a, b]",
			"");

	private static Tensor image() { return new Tensor(new float[] { 0, 2, 4, 8 }, 1, 1, 2, 2); }

	private static float[] normalized(ModelFiles model, String chosen) {
		return InputNormalization.of(model, chosen).apply(image()).data();
	}

	private static Path bareOnnx(Path dir) throws Exception {
		Path onnx = dir.resolve("net.onnx");
		Files.write(onnx, new byte[] { 1 });
		return onnx;
	}

	@Test
	void aBareNetworkTakesTheChosenNormalization(@TempDir Path dir) throws Exception {
		ModelFiles bare = ModelFiles.at(bareOnnx(dir));
		assertFalse(InputNormalization.fromModel(bare));
		assertArrayEquals(new float[] { 0, 0.25f, 0.5f, 1 }, normalized(bare, InputNormalization.UNIT));
		assertArrayEquals(new float[] { 0, 2, 4, 8 }, normalized(bare, InputNormalization.NONE));
		assertArrayEquals(new float[] { 0, 2 / 255f, 4 / 255f, 8 / 255f }, normalized(bare, InputNormalization.DIVIDE_255));
	}

	@Test
	void aDescribedModelUsesItsPreprocessingWhateverIsChosen(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("bioimageio.yaml"), DESCRIBED);
		ModelFiles folder = ModelFiles.at(dir);
		assertTrue(InputNormalization.fromModel(folder));
		float[] expected = { 1, 2, 3, 5 };
		for (String chosen : new String[] { InputNormalization.NONE, InputNormalization.UNIT, InputNormalization.ZSCORE })
			assertArrayEquals(expected, normalized(folder, chosen), chosen);
	}

	@Test
	void theDescriptionBesideABareFileDecidesToo(@TempDir Path dir) throws Exception {
		Path onnx = bareOnnx(dir);
		Files.writeString(dir.resolve(ModelFiles.COMPANION), DESCRIBED);
		assertArrayEquals(new float[] { 1, 2, 3, 5 }, normalized(ModelFiles.at(onnx), InputNormalization.UNIT));
		Files.writeString(dir.resolve(ModelFiles.COMPANION), CLASSES_ONLY);
		assertArrayEquals(new float[] { 0, 0.25f, 0.5f, 1 }, normalized(ModelFiles.at(onnx), InputNormalization.UNIT),
				"a companion that lists no inputs leaves the choice to the user");
	}

	@Test
	void unknownNamesAreRefusedEvenWhenTheModelDecides(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("bioimageio.yaml"), DESCRIBED);
		var e = assertThrows(IllegalArgumentException.class, () -> InputNormalization.of(ModelFiles.at(dir), "bogus"));
		assertTrue(e.getMessage().contains("bogus"), e.getMessage());
	}
}
