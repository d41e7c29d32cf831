package sc.fiji.convnet.explain;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The class names of a classifier, from the bioimage.io description beside its file ({@code bioimageio.yaml} in
 * the same folder as the {@code .onnx} or engine {@code .net} file, or the descriptor itself): the list under
 * {@code config: convnet: classes:}, in output order. Lets "--class WBC" stand for the class's index.
 */
public final class ClassNames {

	private ClassNames() {}

	public static final String DESCRIPTOR = "bioimageio.yaml";

	/** The class names of the model, or an empty list when there is no descriptor or it lists none. */
	public static List<String> of(Path model) throws IOException {
		Path yaml = model.getFileName() != null && model.getFileName().toString().endsWith(".yaml") ? model
				: model.toAbsolutePath().resolveSibling(DESCRIPTOR);
		if (!Files.isRegularFile(yaml)) return List.of();
		Object root;
		try (Reader r = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
		} catch (RuntimeException e) {
			throw new IOException(yaml + ": not readable YAML: " + e.getMessage(), e);
		}
		Object classes = child(child(child(root, "config"), "convnet"), "classes");
		if (!(classes instanceof List<?> list)) return List.of();
		List<String> names = new ArrayList<>();
		for (Object o : list) names.add(String.valueOf(o));
		return names;
	}

	private static Object child(Object map, String key) {
		return map instanceof Map<?, ?> m ? m.get(key) : null;
	}

	/**
	 * The class index {@code spec} stands for: "top" is −1, a number is itself, a name is its position in the
	 * model's class list.
	 */
	public static int resolve(Path model, String spec) throws IOException {
		String s = spec.strip();
		if (s.equalsIgnoreCase("top")) return -1;
		try {
			int k = Integer.parseInt(s);
			if (k < 0) throw new IllegalArgumentException("class index " + k + " is negative");
			return k;
		} catch (NumberFormatException notANumber) {
			List<String> names = of(model);
			if (names.isEmpty())
				throw new IllegalArgumentException("class '" + s + "' is not a number, and " + model + " has no " + DESCRIPTOR
						+ " beside it listing class names (config: convnet: classes)");
			int k = names.indexOf(s);
			if (k < 0) for (int i = 0; i < names.size() && k < 0; i++) if (names.get(i).equalsIgnoreCase(s)) k = i;
			if (k < 0) throw new IllegalArgumentException("class '" + s + "' is not one of " + model + "'s classes " + names);
			return k;
		}
	}
}
