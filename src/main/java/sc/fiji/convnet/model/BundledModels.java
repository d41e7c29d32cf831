package sc.fiji.convnet.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The models inside the plugin jar ({@code /models/<name>/}), so that a jar copied into Fiji finds them. When the
 * classes come from a folder (a build, the tests) the models are used where they lie; from a jar each model is
 * unpacked on first use into one temporary folder per JVM, which is deleted when the JVM exits.
 */
final class BundledModels {

	private static final String FOLDER = "models";
	private static BundledModels plugin;

	private final Path root;
	private final Map<String, Path> unpacked = new HashMap<>();
	private Path temp;

	BundledModels(Path root) {
		this.root = root;
	}

	/** The models of the jar (or class folder) this class was loaded from; none when that cannot be opened. */
	static synchronized BundledModels plugin() {
		if (plugin == null) plugin = new BundledModels(pluginRoot());
		return plugin;
	}

	private static Path pluginRoot() {
		try {
			CodeSource cs = BundledModels.class.getProtectionDomain().getCodeSource();
			if (cs == null || cs.getLocation() == null) return null;
			Path where = Path.of(cs.getLocation().toURI());
			if (Files.isDirectory(where)) return where.resolve(FOLDER);
			if (!Files.isRegularFile(where)) return null;
			FileSystem jar = FileSystems.newFileSystem(where, (ClassLoader) null); // open for the JVM's life, like the class loader's
			return jar.getPath("/" + FOLDER);
		} catch (IOException | URISyntaxException | RuntimeException e) {
			return null;
		}
	}

	/** The names of the bundled models: the folders under {@code models/}. */
	List<String> names() {
		if (root == null || !Files.isDirectory(root)) return List.of();
		try (Stream<Path> s = Files.list(root)) {
			return s.filter(Files::isDirectory).map(d -> d.getFileName().toString().replace("/", "")).sorted().toList();
		} catch (IOException e) {
			return List.of();
		}
	}

	/** The folder of a bundled model where it lies (perhaps inside the jar), to read its description; null when absent. */
	Path inPlace(String name) {
		if (root == null) return null;
		Path inside = root.resolve(name);
		return Files.isDirectory(inside) ? inside : null;
	}

	/** The folder of a bundled model on the default file system, unpacked once if it lies in a jar; null when absent. */
	synchronized Path folder(String name) {
		Path inside = inPlace(name);
		if (inside == null) return null;
		if (root.getFileSystem() == FileSystems.getDefault()) return inside;
		Path done = unpacked.get(name);
		if (done != null && Files.isDirectory(done)) return done;
		try {
			Path target = Files.createDirectories(temp().resolve(name));
			try (Stream<Path> files = Files.list(inside)) {
				for (Path f : files.filter(Files::isRegularFile).toList())
					Files.copy(f, target.resolve(f.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			unpacked.put(name, target);
			return target;
		} catch (IOException e) {
			throw new UncheckedIOException("cannot unpack the bundled model '" + name + "': " + e.getMessage(), e);
		}
	}

	/** The one temporary folder of this JVM's unpacked models (null before the first); deleted at exit. */
	synchronized Path unpackedFolder() { return temp; }

	private Path temp() throws IOException {
		if (temp == null) {
			temp = Files.createTempDirectory("convnet-models");
			Runtime.getRuntime().addShutdownHook(new Thread(this::deleteUnpacked, "convnet: delete unpacked models"));
		}
		return temp;
	}

	/** Deletes the unpacked copies (the JVM's exit does it; tests call it). */
	synchronized void deleteUnpacked() {
		if (temp == null) return;
		try (Stream<Path> s = Files.walk(temp)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
		} catch (IOException e) {
			// at exit there is no one left to tell
		}
		unpacked.clear();
		temp = null;
	}
}
