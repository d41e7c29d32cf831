package sc.fiji.convnet.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import sc.fiji.convnet.ConvNet;

/** The classes of {@code src/main} (the folder or jar {@link ConvNet} was loaded from) and what each refers to. */
final class CompiledClasses {

	private static Map<String, Set<String>> references;

	private CompiledClasses() {}

	/** Top-level and nested classes by binary name (nested ones counted as their outer class) → the classes they refer to. */
	static synchronized Map<String, Set<String>> references() throws IOException, URISyntaxException {
		if (references == null) references = read(Path.of(ConvNet.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
		return references;
	}

	private static Map<String, Set<String>> read(Path location) throws IOException {
		if (Files.isDirectory(location)) return readTree(location);
		try (FileSystem jar = FileSystems.newFileSystem(location)) {
			return readTree(jar.getPath("/"));
		}
	}

	private static Map<String, Set<String>> readTree(Path root) throws IOException {
		Map<String, Set<String>> out = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root.resolve("sc/fiji/convnet"))) {
			for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
				String name = root.relativize(f).toString().replace('/', '.').replaceFirst("\\.class$", "").replaceFirst("\\$.*", "");
				try (InputStream in = Files.newInputStream(f)) {
					out.computeIfAbsent(name, k -> new java.util.TreeSet<>()).addAll(ClassReferences.of(in));
				}
			}
		}
		out.values().forEach(s -> s.removeIf(n -> n.startsWith("java.") || n.startsWith("javax.")));
		return out;
	}
}
