package sc.fiji.convnet.request;

import java.util.ArrayList;
import java.util.List;

import sc.fiji.convnet.model.ModelRepository;

/**
 * The list a dialog offers for an option naming a model ({@link Option#models()}): the shipped and installed models
 * of its task ({@link ModelRepository#list}), the current value when it is not one of them (a path chosen before),
 * {@code none} for the model a training starts from (a new network), and {@value #FROM_FILE}, which asks for a path.
 * The list is an offer, not a limit: a macro or the command line may name any model or path, which is why ImageJ 1.x
 * dialogs run by a macro keep a text field.
 */
public final class ModelChoices {

	/** The entry that asks for a model file (folder description, {@code .onnx} or engine network). */
	public static final String FROM_FILE = "From file…";

	/** The option of the Train … commands naming the model to start from, which also offers {@code none} (a new network). */
	private static final String TRAINING_START = "init";

	private ModelChoices() {}

	/** The choices of the standard repository. */
	public static List<String> of(Option option, String current) {
		return of(ModelRepository.standard(), option, current);
	}

	/** The choices of {@code option} in {@code repository}, with {@code current} among them. */
	public static List<String> of(ModelRepository repository, Option option, String current) {
		if (option.models() == null) throw new IllegalArgumentException("option '" + option.key() + "' names no model");
		List<String> out = new ArrayList<>(repository.list(option.models()));
		if (!out.contains(option.defaultValue())) out.add(0, option.defaultValue());
		if (current != null && !current.isBlank() && !out.contains(current.strip())) out.add(current.strip());
		if (option.key().equals(TRAINING_START) && !out.contains(TrainingRequests.FROM_SCRATCH)) out.add(TrainingRequests.FROM_SCRATCH);
		out.add(FROM_FILE);
		return out;
	}
}
