package sc.fiji.convnet.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where model names are looked up, first hit wins: the folder named by the system property
 * {@code convnet.models}; {@code models/} in the working directory; the models bundled inside the
 * plugin jar (unpacked once into a temporary folder), so that a jar copied into Fiji finds them.
 */
public final class ModelLocations {

	/** Files of each bundled model, relative to {@code /models/<name>/} in the jar. */
	private static final List<String> BUNDLED_FILES = List.of("bioimageio.yaml", "model.onnx");

	private ModelLocations() {}

	public static Path modelsDirectory(String name) {
		String property = System.getProperty("convnet.models");
		if (property != null && Files.isDirectory(Path.of(property, name))) return Path.of(property);
		Path local = Path.of("models");
		if (Files.isDirectory(local.resolve(name))) return local;
		Path bundled = unpackBundled(name);
		if (bundled != null) return bundled;
		return property != null ? Path.of(property) : local;
	}

	private static Path unpackBundled(String name) {
		if (name.contains("/") || name.contains("\\") || name.contains("..")) return null;
		URL probe = ModelLocations.class.getResource("/models/" + name + "/" + BUNDLED_FILES.get(0));
		if (probe == null) return null;
		try {
			Path root = Files.createTempDirectory("convnet-models");
			root.toFile().deleteOnExit();
			Path dir = Files.createDirectories(root.resolve(name));
			for (String file : BUNDLED_FILES) {
				try (InputStream in = ModelLocations.class.getResourceAsStream("/models/" + name + "/" + file)) {
					if (in == null) continue;
					Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
					dir.resolve(file).toFile().deleteOnExit();
				}
			}
			return root;
		} catch (IOException e) {
			throw new UncheckedIOException("cannot unpack the bundled model '" + name + "': " + e.getMessage(), e);
		}
	}
}
