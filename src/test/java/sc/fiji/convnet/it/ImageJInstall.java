package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain ImageJ 1.54p installation made the way the README tells users ({@code bin/install-into-fiji}):
 * the built plugin jar in {@code plugins/}, its runtime dependencies in {@code plugins/jars/}, and
 * ImageJ's own ij.jar to start.
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

	/** Installs with {@code bin/install-into-fiji}, the README's install step, into a fresh ImageJ folder. */
	static ImageJInstall create(Path dir) throws Exception {
		Path jar = Path.of(System.getProperty("convnet.jar", "target/ConvNet_-0.1.0-SNAPSHOT.jar"));
		Path deps = Path.of(System.getProperty("convnet.dependencies", "target/dependency"));
		assertTrue(Files.isRegularFile(jar), "the plugin jar " + jar + " is built (run 'mvn verify')");
		Files.createDirectories(dir);
		Process p = new ProcessBuilder("bin/install-into-fiji", dir.toString()).redirectErrorStream(true).start();
		String log = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "install-into-fiji: " + log);
		assertTrue(Files.isRegularFile(dir.resolve("plugins/ConvNet_.jar")), log);
		assertTrue(Files.isRegularFile(dir.resolve("plugins/jars/onnxruntime-1.29.0.jar")), log);
		Path ij = null;
		try (var files = Files.list(deps)) {
			for (Path f : files.toList()) if (f.getFileName().toString().startsWith("ij-")) ij = f; // ImageJ itself is what we start
		}
		assertTrue(ij != null, "ij.jar among the runtime dependencies in " + deps);
		assertTrue(!Files.exists(dir.resolve("plugins/jars/" + ij.getFileName())), "ImageJ is not copied as a plugin dependency");
		return new ImageJInstall(dir, ij);
	}

	/** The result of one ImageJ run. */
	record Run(int exitCode, String output, boolean timedOut) {}

	/** Runs a macro file in batch mode with an argument string; never waits longer than {@code seconds}. */
	Run macro(Path macro, String argument, int seconds) throws Exception {
		return macro(macro, argument, seconds, List.of());
	}

	/** As above, with extra options for the JVM (e.g. {@code -Djava.io.tmpdir=...}). */
	Run macro(Path macro, String argument, int seconds, List<String> jvmOptions) throws Exception {
		List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(seconds), "xvfb-run", "-a", java(), "-Xmx2g"));
		cmd.addAll(jvmOptions);
		cmd.addAll(List.of("-Dplugins.dir=" + root, "-Dslf4j.internal.verbosity=ERROR", "-jar", ijJar.toString(), "-batch", macro.toString()));
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
