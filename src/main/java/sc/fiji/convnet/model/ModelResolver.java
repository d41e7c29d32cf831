package sc.fiji.convnet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds a model from what a user typed: a name of a folder under the models directory ({@code models/<name>/}),
 * or a path to a folder, a description ({@code .yaml}/{@code .yml}) or an {@code .onnx} file.
 * In a folder, a description is preferred ({@code bioimageio.yaml}, {@code rdf.yaml}, then any
 * {@code *.bioimageio.yaml}, then any other yaml); without one, a folder with exactly one {@code .onnx} is a bare model.
 */
public final class ModelResolver {

	private static final List<String> DESCRIPTION_NAMES = List.of("bioimageio.yaml", "rdf.yaml", "model.yaml");

	private final Path modelsDir;

	public ModelResolver(Path modelsDir) {
		this.modelsDir = modelsDir;
	}

	public Path modelsDir() { return modelsDir; }

	/** The models folder: the system property {@code convnet.models}, else {@code models} in the working directory. */
	public static ModelResolver standard() {
		return new ModelResolver(Path.of(System.getProperty("convnet.models", "models")));
	}

	/** @throws ModelFormatException naming what was tried when nothing fits */
	public ModelDescriptor resolve(String nameOrPath) {
		if (nameOrPath == null || nameOrPath.isBlank()) throw new ModelFormatException("no model given");
		Path byName = modelsDir == null ? null : modelsDir.resolve(nameOrPath);
		if (byName != null && Files.isDirectory(byName) && !nameOrPath.contains("/") && !nameOrPath.contains("\\"))
			return fromPath(byName);
		Path p = Path.of(nameOrPath);
		if (Files.exists(p)) return fromPath(p);
		throw new ModelFormatException("model '" + nameOrPath + "' not found: neither " + (byName == null ? "" : byName + " nor ")
				+ p.toAbsolutePath() + " exists" + (modelsDir == null ? "" : "; available: " + available()));
	}

	public static ModelDescriptor fromPath(Path p) {
		String file = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase();
		if (Files.isDirectory(p)) return fromDirectory(p);
		if (file.endsWith(".onnx")) return ModelDescriptor.forOnnx(p);
		if (file.endsWith(".yaml") || file.endsWith(".yml")) return BioimageioReader.read(p);
		throw new ModelFormatException(p + " is neither a folder, a bioimage.io description (.yaml) nor an .onnx model");
	}

	private static ModelDescriptor fromDirectory(Path dir) {
		for (String n : DESCRIPTION_NAMES) if (Files.isRegularFile(dir.resolve(n))) return BioimageioReader.read(dir.resolve(n));
		List<Path> yamls = list(dir, ".yaml", ".yml");
		yamls.sort((a, b) -> Boolean.compare(!a.toString().endsWith(".bioimageio.yaml"), !b.toString().endsWith(".bioimageio.yaml")));
		if (!yamls.isEmpty()) return BioimageioReader.read(yamls.get(0));
		List<Path> onnx = list(dir, ".onnx");
		if (onnx.size() == 1) return ModelDescriptor.forOnnx(onnx.get(0));
		throw new ModelFormatException(dir + " holds " + (onnx.isEmpty() ? "no model description and no .onnx file"
				: onnx.size() + " .onnx files and no description to say which to use"));
	}

	private static List<Path> list(Path dir, String... endings) {
		try (Stream<Path> s = Files.list(dir)) {
			List<Path> out = new ArrayList<>();
			s.filter(Files::isRegularFile).sorted().forEach(f -> {
				for (String e : endings) if (f.getFileName().toString().toLowerCase().endsWith(e)) { out.add(f); break; }
			});
			return out;
		} catch (IOException e) {
			throw new ModelFormatException("cannot list " + dir + ": " + e, e);
		}
	}

	/** Names of the folders under the models directory. */
	public List<String> available() {
		if (modelsDir == null || !Files.isDirectory(modelsDir)) return List.of();
		try (Stream<Path> s = Files.list(modelsDir)) {
			return s.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
		} catch (IOException e) {
			return List.of();
		}
	}
}
