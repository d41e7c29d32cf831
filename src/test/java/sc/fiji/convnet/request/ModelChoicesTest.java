package sc.fiji.convnet.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.model.ModelTask;

/** The model lists of the dialogs: the shipped models of each command's task, then "From file…"; any other value stays valid. */
class ModelChoicesTest {

	private static final Map<Spec, ModelTask> MODEL_COMMANDS = Map.of(CommandSpecs.SEGMENT, ModelTask.SEGMENTATION, CommandSpecs.BATCH_SEGMENT,
			ModelTask.SEGMENTATION, CommandSpecs.DETECT, ModelTask.DETECTION, CommandSpecs.BATCH_DETECT, ModelTask.DETECTION, CommandSpecs.CLASSIFY,
			ModelTask.CLASSIFICATION, CommandSpecs.GRAD_CAM, ModelTask.CLASSIFICATION);

	@TempDir
	Path installed;

	static Option modelOption(Spec spec) {
		return spec.options().stream().filter(o -> o.models() != null).findFirst().orElseThrow(() -> new AssertionError(spec.command() + " has no model list"));
	}

	@Test
	void theDialogsOfModelCommandsListTheShippedModelsOfTheirTask() {
		ModelRepository r = ModelRepository.of(Path.of("models"), installed);
		MODEL_COMMANDS.forEach((spec, task) -> {
			Option o = modelOption(spec);
			assertEquals(task, o.models(), spec.command());
			List<String> choices = ModelChoices.of(r, o, o.defaultValue());
			assertEquals(task.defaultModel(), o.defaultValue(), spec.command());
			assertTrue(choices.containsAll(r.list(task)), spec.command() + ": " + choices);
			assertTrue(choices.contains(task.defaultModel()), spec.command() + ": " + choices);
			assertEquals(ModelChoices.FROM_FILE, choices.get(choices.size() - 1), spec.command());
			for (ModelTask other : ModelTask.values())
				if (other != task) assertTrue(!choices.contains(other.defaultModel()), spec.command() + " lists " + other.defaultModel());
		});
		assertEquals(List.of("nuclei", ModelChoices.FROM_FILE), ModelChoices.of(r, modelOption(CommandSpecs.SEGMENT), "nuclei"));
	}

	@Test
	void aPathChosenBeforeIsListedAndAnyValueStaysValid() {
		ModelRepository r = ModelRepository.of(Path.of("models"), installed);
		Option o = modelOption(CommandSpecs.DETECT);
		assertEquals(List.of("bccd-detector", "/data/my-model", ModelChoices.FROM_FILE), ModelChoices.of(r, o, "/data/my-model"));
		assertEquals("/path/to/folder", DetectRequest.from(CommandSpecs.DETECT.defaults().set("model", "/path/to/folder")).model());
		assertEquals("nuclei", SegmentRequest.from(CommandSpecs.SEGMENT.defaults().set("model", "nuclei")).model());
		assertNull(CommandSpecs.EVALUATE_SEGMENTATION.options().stream().filter(x -> x.models() != null).findFirst().orElse(null));
	}

	/** The Train … commands start from a model of their task, or from none (a new network). */
	@Test
	void trainingStartsFromAModelOfItsTaskOrFromNone() {
		ModelRepository r = ModelRepository.of(Path.of("models"), installed);
		assertEquals(List.of("bccd-detector", "none", ModelChoices.FROM_FILE), ModelChoices.of(r, CommandSpecs.TRAIN_DETECTOR.option("init"), ""));
		assertEquals(List.of("bccd-classifier", "none", ModelChoices.FROM_FILE), ModelChoices.of(r, CommandSpecs.TRAIN_CLASSIFIER.option("init"), "none"));
		assertEquals(List.of("nuclei", "none", ModelChoices.FROM_FILE), ModelChoices.of(r, CommandSpecs.TRAIN_SEGMENTATION.option("init"), "nuclei"));
	}
}
