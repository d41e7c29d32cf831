package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/install-into-fiji} on the three launcher layouts it knows: the option that turns on the vector kernels is
 * added once however often the install runs, only where the launcher's Java can take it, and {@code --uninstall}
 * gives back the configuration byte for byte and removes every file it added. The plain ImageJ layout's JVM options
 * are then given to a real JVM, whose Diagnostics must report the vector kernels.
 */
class InstallIntoFijiIT {

	private static final String OPTION = "--add-modules=jdk.incubator.vector";

	@TempDir
	Path dir;

	private static String run(String... args) throws Exception {
		List<String> cmd = new ArrayList<>(List.of("bin/install-into-fiji"));
		cmd.addAll(Arrays.asList(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "install-into-fiji did not finish: " + out);
		assertEquals(0, p.exitValue(), out);
		return out;
	}

	private static void fakeJava(Path home, String version) throws Exception {
		Files.createDirectories(home.resolve("bin"));
		Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
	}

	private static long count(String text, String part) {
		return text.lines().filter(l -> l.contains(part)).count();
	}

	private static List<Path> files(Path root) throws Exception {
		try (var s = Files.walk(root)) {
			return s.filter(Files::isRegularFile).sorted().toList();
		}
	}

	@Test
	void jaunchFijiGetsTheOptionOnceAndGivesItBack() throws Exception {
		Path fiji = Files.createDirectories(dir.resolve("Fiji.app"));
		Files.createDirectories(fiji.resolve("jars"));
		Path toml = Files.createDirectories(fiji.resolve("config/jaunch")).resolve("fiji.toml");
		String original = "program-name = 'Fiji'\n\njvm.runtime-args = [\n    '--info|-Dscijava.log.level=info',\n    '-Dpython.cachedir.skip=true',\n]\n";
		Files.writeString(toml, original);
		List<Path> before = files(fiji);

		run(fiji.toString());
		String out = run(fiji.toString()); // again: nothing more
		String config = Files.readString(toml);
		assertEquals(1, count(config, OPTION), config);
		assertTrue(config.contains("'JAVA:16+|" + OPTION + "',"), "only for a Java that has the module: " + config);
		assertTrue(config.indexOf(OPTION) > config.indexOf("jvm.runtime-args") && config.indexOf(OPTION) < config.indexOf("]"), config);
		assertTrue(Files.isRegularFile(fiji.resolve("plugins/ConvNet_.jar")), out);
		assertTrue(Files.isRegularFile(fiji.resolve("jars/onnxruntime-1.29.0.jar")), out);

		run("--uninstall", fiji.toString());
		assertEquals(original, Files.readString(toml));
		List<Path> after = files(fiji);
		assertEquals(before, after, "uninstall leaves exactly what was there");
	}

	@Test
	void legacyFijiLauncherOnlyWithANewEnoughJava() throws Exception {
		Path fiji = Files.createDirectories(dir.resolve("old"));
		Path cfg = fiji.resolve("ImageJ.cfg");
		String original = "# ImageJ startup properties\nmaxheap.mb = 4096\njvmargs = -XX:+UseG1GC\n";
		Files.writeString(cfg, original);
		fakeJava(fiji.resolve("java/linux-amd64/jdk1.8.0_172/jre"), "1.8.0_172");
		String out = run(fiji.toString());
		assertEquals(original, Files.readString(cfg), "Java 8 would refuse the option: " + out);
		assertTrue(out.contains("older than 16"), out);

		Path fiji21 = Files.createDirectories(dir.resolve("old21"));
		Path cfg21 = fiji21.resolve("ImageJ.cfg");
		Files.writeString(cfg21, original);
		fakeJava(fiji21.resolve("java/linux-amd64/zulu21"), "21.0.5");
		run(fiji21.toString());
		run(fiji21.toString());
		assertEquals("# ImageJ startup properties\nmaxheap.mb = 4096\njvmargs = -XX:+UseG1GC " + OPTION + "\n", Files.readString(cfg21));
		run("--uninstall", fiji21.toString());
		assertEquals(original, Files.readString(cfg21));
	}

	@Test
	void plainImageJOptionsStartAJvmWithTheVectorKernels() throws Exception {
		Path ij = Files.createDirectories(dir.resolve("ImageJ"));
		Path cfg = ij.resolve("ImageJ.cfg");
		String javaHome = System.getProperty("java.home");
		String original = ".\n" + javaHome + "/bin/java\n-Xmx1g -cp ij.jar ij.ImageJ\n";
		Files.writeString(cfg, original);
		run(ij.toString());
		run(ij.toString());
		String line3 = Files.readAllLines(cfg).get(2);
		assertEquals(OPTION + " -Xmx1g -cp ij.jar ij.ImageJ", line3);

		// the options before -cp, as the launcher passes them, turn the vector kernels on in a real JVM
		List<String> cmd = new ArrayList<>(List.of(javaHome + "/bin/java"));
		for (String token : line3.split(" ")) {
			if (token.equals("-cp")) break;
			cmd.add(token);
		}
		cmd.addAll(List.of("-Djava.awt.headless=true", "-cp", "target/classes" + File.pathSeparator + "target/dependency/*", "sc.fiji.convnet.cli.ConvNetCli",
				"diagnostics"));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String diagnostics = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, diagnostics);
		assertTrue(diagnostics.contains("(vector)"), diagnostics);

		run("--uninstall", ij.toString());
		assertEquals(original, Files.readString(cfg));
		assertFalse(Files.exists(ij.resolve("plugins/ConvNet_.jar")));
	}
}
