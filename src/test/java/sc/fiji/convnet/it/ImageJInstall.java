package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain ImageJ 1.54p installation made the way the README tells users: the built plugin jar in
 * {@code plugins/}, its runtime dependencies in {@code plugins/jars/}, and ImageJ's own ij.jar to start.
 * Macros run under {@code xvfb-run} (ImageJ's run() needs a display) and always inside {@code timeout},
 * because an unknown command or an error dialog would wait forever for a click.
 */
final class ImageJInstall {

	final Path root;
	final Path ijJar;

	private ImageJInstall(Path root, Path ijJar) {
		this.root = root;
		this.ijJar = ijJar;
	}

	static ImageJInstall create(Path dir) throws IOException {
		Path jar = Path.of(System.getProperty("convnet.jar", "target/ConvNet_-0.1.0-SNAPSHOT.jar"));
		Path deps = Path.of(System.getProperty("convnet.dependencies", "target/dependency"));
		assertTrue(Files.isRegularFile(jar), "the plugin jar " + jar + " is built (run 'mvn verify')");
		Path plugins = Files.createDirectories(dir.resolve("plugins"));
		Path jars = Files.createDirectories(plugins.resolve("jars"));
		Files.copy(jar, plugins.resolve("ConvNet_.jar"), StandardCopyOption.REPLACE_EXISTING);
		Path ij = null;
		try (var files = Files.list(deps)) {
			for (Path p : files.toList()) {
				String name = p.getFileName().toString();
				if (name.startsWith("ij-")) ij = p; // ImageJ itself is what we start, not a plugin dependency
				else Files.copy(p, jars.resolve(name), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		assertTrue(ij != null, "ij.jar among the runtime dependencies in " + deps);
		return new ImageJInstall(dir, ij);
	}

	/** The result of one ImageJ run. */
	record Run(int exitCode, String output, boolean timedOut) {}

	/** Runs a macro file in batch mode with an argument string; never waits longer than {@code seconds}. */
	Run macro(Path macro, String argument, int seconds) throws Exception {
		List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(seconds), "xvfb-run", "-a",
				java(), "-Xmx2g", "-Dplugins.dir=" + root, "-Dslf4j.internal.verbosity=ERROR", "-jar", ijJar.toString(), "-batch", macro.toString()));
		if (argument != null) cmd.add(argument);
		Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
		boolean finished = p.waitFor(seconds + 30L, TimeUnit.SECONDS);
		if (!finished) p.destroyForcibly();
		String out = new String(p.getInputStream().readAllBytes());
		int code = finished ? p.exitValue() : -1;
		return new Run(code, out, !finished || code == 124 || code == 137);
	}

	static String java() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}
}
