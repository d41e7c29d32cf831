package sc.fiji.convnet.it;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A real ImageJ 1.54p with the built jar in plugins/, installed once per test class into a temporary home. */
abstract class WithImageJ {

	@TempDir
	static Path home;
	static ImageJInstall imagej;

	@BeforeAll
	static void install() throws Exception {
		imagej = ImageJInstall.create(home.resolve("ImageJ"));
	}

	/** A macro file in the home folder, its lines joined. */
	static Path macro(String name, String... lines) throws Exception {
		return Files.writeString(home.resolve(name), String.join("\n", lines));
	}
}
