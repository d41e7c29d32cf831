package sc.fiji.convnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.train.CellClassifierNet;
import sc.fiji.convnet.model.transform.ZeroMeanUnitVariance;

/** One repository for every task: names (shipped, in the jar, installed), folders, descriptions, bare .onnx and engine files. */
class ModelRepositoryTest {

	private static final Path SHIPPED = Path.of("models");

	@TempDir
	Path tmp;

	@Test
	void resolvesNamesFoldersYamlBareOnnxAndEngineFiles() throws Exception {
		Path unet = TestData.require(TestData.UNET);
		Path models = Files.createDirectories(tmp.resolve("models"));
		// models/<name>/ with a description (link to the shared files so nothing is copied)
		Path named = Files.createDirectories(models.resolve("nuclei"));
		Files.createSymbolicLink(named.resolve("bioimageio.yaml"), unet.toAbsolutePath().resolve("bioimageio.yaml"));
		Files.createSymbolicLink(named.resolve("weights.onnx"), unet.toAbsolutePath().resolve("weights.onnx"));
		ModelRepository r = ModelRepository.of(models, null);
		assertEquals(List.of("nuclei"), r.names());
		assertEquals("UNet 2D Nuclei Broad", r.resolve("nuclei").descriptor().name());
		assertEquals("nuclei", r.resolve("nuclei").name());

		assertEquals("0.5.4", r.resolve(unet.toString()).descriptor().formatVersion()); // folder: bioimageio.yaml first
		assertEquals("0.4.9", r.resolve(unet.resolve("v0_4_9.bioimageio.yaml").toString()).descriptor().formatVersion());

		ModelDescriptor bare = r.resolve(unet.resolve("weights.onnx").toString()).descriptor();
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
		assertEquals("m", ModelFiles.at(onlyOnnx).descriptor().name());

		// an engine network file, whatever its extension, with the class names of the description beside it
		Path engine = Files.createDirectories(tmp.resolve("engine"));
		CellClassifierNet.build(4, 3, 7).save(engine.resolve("cells.convnet"));
		Files.writeString(engine.resolve("bioimageio.yaml"), "config:\n  convnet:\n    task: classification\n    classes: [a, b, c]\n");
		ModelFiles net = r.resolve(engine.resolve("cells.convnet").toString());
		assertNull(net.onnx());
		assertEquals(List.of("a", "b", "c"), net.classes());
		assertTrue(net.network(32, 32) instanceof Network);
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
		ModelDescriptor damaged = ModelFiles.at(dir).descriptor();
		ModelFormatException e = assertThrows(ModelFormatException.class, damaged::verifyWeights);
		assertTrue(e.getMessage().contains("weights.onnx") && e.getMessage().contains("sha256"), e.getMessage());
		// and ONNX Runtime is never reached with it: our reader refuses the truncated protobuf
		sc.fiji.convnet.onnx.OnnxException o = assertThrows(sc.fiji.convnet.onnx.OnnxException.class,
				() -> sc.fiji.convnet.onnx.OnnxSession.open(damaged.weights(), 1));
		assertTrue(o.getMessage().contains("not a valid ONNX model"), o.getMessage());
	}

	@Test
	void aMissingModelIsOneLineListingTheAvailableOnes() throws Exception {
		Path installed = Files.createDirectories(tmp.resolve("installed"));
		Files.createDirectories(installed.resolve("mine"));
		ModelRepository r = ModelRepository.of(SHIPPED, installed);
		ModelFormatException e = assertThrows(ModelFormatException.class, () -> r.resolve("nope"));
		String m = e.getMessage();
		assertTrue(m.contains("'nope' not found") && m.contains("bccd-classifier, bccd-detector, mine, nuclei") && m.contains(installed.toString()), m);
		assertFalse(m.contains("\n"), "one line: " + m);
		e = assertThrows(ModelFormatException.class, () -> r.resolve(tmp.resolve("absent.onnx").toString()));
		assertTrue(e.getMessage().startsWith("Model file not found: " + tmp.resolve("absent.onnx")), e.getMessage());
		e = assertThrows(ModelFormatException.class, () -> r.resolve(installed.resolve("mine").toString()));
		assertTrue(e.getMessage().contains("no model description"), e.getMessage());
		Path txt = Files.writeString(tmp.resolve("x.txt"), "x");
		assertThrows(ModelFormatException.class, () -> ModelFiles.at(txt));
	}

	@Test
	void shippedNamesComeFirstThenInstalledOnes() throws Exception {
		Path installed = Files.createDirectories(tmp.resolve("installed"));
		copyModel(SHIPPED.resolve("bccd-detector"), installed.resolve("my-detector"));
		copyModel(SHIPPED.resolve("bccd-classifier"), installed.resolve("nuclei")); // cannot hide the shipped nuclei
		ModelRepository r = ModelRepository.of(SHIPPED, installed);
		assertEquals(SHIPPED.resolve("nuclei").resolve("bioimageio.yaml"), r.resolve("nuclei").description());
		assertEquals(installed.resolve("my-detector").resolve("bioimageio.yaml").toAbsolutePath(), r.resolve("my-detector").description().toAbsolutePath());
		assertEquals(List.of("bccd-classifier", "bccd-detector", "my-detector", "nuclei"), r.names());
	}

	@Test
	void listsTheModelsOfATaskFromTheirDescriptions() throws Exception {
		Path installed = Files.createDirectories(tmp.resolve("installed"));
		copyModel(SHIPPED.resolve("bccd-detector"), installed.resolve("my-detector"));
		Files.createDirectories(installed.resolve("broken")); // no description: no choice for any task
		ModelRepository r = ModelRepository.of(SHIPPED, installed);
		assertEquals(List.of("nuclei"), r.list(ModelTask.SEGMENTATION));
		assertEquals(List.of("bccd-detector", "my-detector"), r.list(ModelTask.DETECTION));
		assertEquals(List.of("bccd-classifier"), r.list(ModelTask.CLASSIFICATION));
		for (ModelTask t : ModelTask.values()) assertTrue(r.list(t).contains(t.defaultModel()), t + "'s default is shipped");
		assertEquals(List.of("RBC", "WBC", "Platelets", "background"), r.resolve("bccd-classifier").classes());
	}

	/** Fiji has only the jar: its models are unpacked once per JVM into one temporary folder, deleted at exit. */
	@Test
	void modelsInsideAJarAreUnpackedOncePerJvm() throws Exception {
		Path jar = tmp.resolve("plugin.jar");
		try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of("create", "true"))) {
			for (String name : List.of("bccd-detector", "bccd-classifier")) {
				Path dir = Files.createDirectories(zip.getPath("/models/" + name));
				for (String f : List.of("bioimageio.yaml", "model.onnx")) Files.copy(SHIPPED.resolve(name).resolve(f), dir.resolve(f));
			}
		}
		try (FileSystem zip = FileSystems.newFileSystem(jar, (ClassLoader) null)) {
			BundledModels bundled = new BundledModels(zip.getPath("/models"));
			ModelRepository r = new ModelRepository(null, bundled, tmp.resolve("no-installed"));
			assertEquals(List.of("bccd-classifier", "bccd-detector"), r.names());
			assertEquals(List.of("bccd-detector"), r.list(ModelTask.DETECTION));
			assertEquals(List.of("bccd-classifier"), r.list(ModelTask.CLASSIFICATION));
			assertNull(bundled.unpackedFolder(), "nothing is unpacked before a model is used (listing reads descriptions in place)");
			ModelFiles first = r.resolve("bccd-detector");
			Path unpacked = bundled.unpackedFolder();
			for (int i = 0; i < 3; i++) assertEquals(first.onnx(), r.resolve("bccd-detector").onnx(), "the same files every time");
			assertEquals(unpacked, bundled.unpackedFolder());
			assertTrue(first.onnx().startsWith(unpacked) && Files.isRegularFile(first.onnx()));
			r.resolve("bccd-classifier");
			try (var s = Files.list(unpacked)) {
				assertEquals(2, s.count(), "one temporary folder holds every unpacked model");
			}
			assertEquals(ModelTask.DETECTION, first.task());
			bundled.deleteUnpacked(); // what the JVM's exit does
			assertFalse(Files.exists(unpacked), "nothing is left behind");
		}
	}

	private static void copyModel(Path from, Path to) throws Exception {
		Files.createDirectories(to);
		for (String f : List.of("bioimageio.yaml", "model.onnx")) Files.copy(from.resolve(f), to.resolve(f));
	}
}
