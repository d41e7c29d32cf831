package sc.fiji.convnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.model.transform.ZeroMeanUnitVariance;

class ModelResolverTest {

	@TempDir
	Path tmp;

	@Test
	void resolvesNamesFoldersYamlAndBareOnnx() throws Exception {
		Path unet = TestData.require(TestData.UNET);
		Path models = Files.createDirectories(tmp.resolve("models"));
		// models/<name>/ with a description (link to the shared files so nothing is copied)
		Path named = Files.createDirectories(models.resolve("nuclei"));
		Files.createSymbolicLink(named.resolve("bioimageio.yaml"), unet.toAbsolutePath().resolve("bioimageio.yaml"));
		Files.createSymbolicLink(named.resolve("weights.onnx"), unet.toAbsolutePath().resolve("weights.onnx"));
		ModelResolver r = new ModelResolver(models);
		assertEquals(List.of("nuclei"), r.available());
		assertEquals("UNet 2D Nuclei Broad", r.resolve("nuclei").name());

		assertEquals("0.5.4", r.resolve(unet.toString()).formatVersion()); // folder: bioimageio.yaml first
		assertEquals("0.4.9", r.resolve(unet.resolve("v0_4_9.bioimageio.yaml").toString()).formatVersion());

		ModelDescriptor bare = r.resolve(unet.resolve("weights.onnx").toString());
		assertEquals("weights", bare.name());
		assertEquals(List.of("batch", "channel", "y", "x"), bare.input().axisIds());
		assertEquals(512, bare.input().axis("x").size());
		assertEquals(1, bare.input().axis("channel").size());
		assertTrue(bare.input().preprocessing().isEmpty());
		// the caller's overrides
		ModelDescriptor custom = bare.withPreprocessing(new ZeroMeanUnitVariance(List.of("x", "y"), 1e-6)).withHalo(16);
		assertEquals(1, custom.input().preprocessing().size());
		assertEquals(16, custom.output().axis("x").halo());

		Path onlyOnnx = Files.createDirectories(tmp.resolve("only"));
		Files.createSymbolicLink(onlyOnnx.resolve("m.onnx"), unet.toAbsolutePath().resolve("weights.onnx"));
		assertEquals("m", ModelResolver.fromPath(onlyOnnx).name());
	}

	@Test
	void weightsAreCheckedAgainstTheDescriptionsChecksum() throws Exception {
		Path unet = TestData.require(TestData.UNET);
		ModelDescriptor d = BioimageioReader.read(unet.resolve("bioimageio.yaml"));
		d.verifyWeights(); // the published file matches its published sha256
		Path dir = Files.createDirectories(tmp.resolve("damaged"));
		Files.copy(unet.resolve("bioimageio.yaml"), dir.resolve("bioimageio.yaml"));
		byte[] w = Files.readAllBytes(unet.resolve("weights.onnx"));
		Files.write(dir.resolve("weights.onnx"), java.util.Arrays.copyOf(w, w.length - 100));
		ModelDescriptor damaged = ModelResolver.fromPath(dir);
		ModelFormatException e = assertThrows(ModelFormatException.class, damaged::verifyWeights);
		assertTrue(e.getMessage().contains("weights.onnx") && e.getMessage().contains("sha256"), e.getMessage());
		// and ONNX Runtime is never reached with it: our reader refuses the truncated protobuf
		sc.fiji.convnet.onnx.OnnxException o = assertThrows(sc.fiji.convnet.onnx.OnnxException.class,
				() -> sc.fiji.convnet.onnx.OnnxSession.open(damaged.weights(), 1));
		assertTrue(o.getMessage().contains("not a valid ONNX model"), o.getMessage());
	}

	@Test
	void unknownNamesListWhatExists() throws Exception {
		Path models = Files.createDirectories(tmp.resolve("models"));
		Files.createDirectories(models.resolve("a"));
		ModelFormatException e = assertThrows(ModelFormatException.class, () -> new ModelResolver(models).resolve("nope"));
		assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("[a]"), e.getMessage());
		e = assertThrows(ModelFormatException.class, () -> new ModelResolver(models).resolve(models.resolve("a").toString()));
		assertTrue(e.getMessage().contains("no model description"), e.getMessage());
		Path txt = Files.writeString(tmp.resolve("x.txt"), "x");
		assertThrows(ModelFormatException.class, () -> ModelResolver.fromPath(txt));
	}
}
