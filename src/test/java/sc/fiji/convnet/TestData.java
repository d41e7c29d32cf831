package sc.fiji.convnet;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Where the shared data lives, relative to the project (tests skip with a message when it is absent). */
public final class TestData {

	private TestData() {}

	public static Path shared(String relative) {
		Path p = Path.of("..", "shared", "data").resolve(relative);
		Assumptions.assumeTrue(Files.exists(p), "shared data " + p.toAbsolutePath() + " is absent");
		return p;
	}

	/** The published bioimage.io nuclei U-Net: an ONNX model every segmentation test can run. */
	public static Path bioimageioNucleiModel() {
		return shared("bioimageio/unet2d_nuclei_broad");
	}

	public static Path samples() { return Path.of("samples"); }
}
