package sc.fiji.convnet.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared data lies; tests skip with a message when it is absent. */
public final class TestData {

	public static final Path ROOT = Path.of("../shared/data");
	public static final Path UNET = ROOT.resolve("bioimageio/unet2d_nuclei_broad");
	public static final Path CONFORMANCE = ROOT.resolve("onnx-conformance/pytorch-converted");
	public static final Path OPERATORS = ROOT.resolve("onnx-conformance/pytorch-operator");
	public static final Path ZOO = ROOT.resolve("onnx-zoo-light");

	private TestData() {}

	public static Path require(Path p) {
		assumeTrue(Files.exists(p), "test data absent: " + p.toAbsolutePath() + " (see ../shared/data/README.md)");
		return p;
	}
}
