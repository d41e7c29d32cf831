package sc.fiji.convnet.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.model.transform.ScaleRange;
import sc.fiji.convnet.tensor.Tensor;

/** The weights' sha256 is checked; weights paths stay inside the model folder; NaN does not empty the normalisation. */
class ModelIntegrityTest {

	@TempDir Path dir;

	private Path copyOfClassifier() throws Exception {
		Path m = Files.createDirectories(dir.resolve("m"));
		for (String f : List.of("bioimageio.yaml", "model.onnx")) Files.copy(Path.of("models/bccd-classifier").resolve(f), m.resolve(f));
		return m;
	}

	@Test
	void aFlippedByteIsRefusedBySha256() throws Exception {
		Path m = copyOfClassifier();
		assertEquals(ModelFiles.at(m).descriptor().weightsSha256(), ModelFiles.at(m).digest());
		byte[] b = Files.readAllBytes(m.resolve("model.onnx"));
		b[b.length / 2] ^= 1;
		Files.write(m.resolve("model.onnx"), b);
		Files.setLastModifiedTime(m.resolve("model.onnx"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
		ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.at(m).digest());
		assertTrue(e.getMessage().contains("differs from"), e.getMessage());
		assertThrows(ModelFormatException.class, () -> ModelFiles.at(m).session(), "no session from damaged weights");
	}

	@Test
	void weightsOutsideTheModelFolderAreRefused() throws Exception {
		Path m = copyOfClassifier();
		Path yaml = m.resolve("bioimageio.yaml");
		Files.writeString(yaml, Files.readString(yaml).replace("source: model.onnx", "source: ../../../../etc/passwd"));
		ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.at(m).descriptor());
		assertTrue(e.getMessage().contains("outside the model folder"), e.getMessage());
	}

	@Test
	void scaleRangeLeavesNanAndInfOutOfItsStatistics() {
		float[] v = new float[1000];
		for (int i = 0; i < v.length; i++) v[i] = i;
		v[10] = Float.NaN;
		v[20] = Float.POSITIVE_INFINITY;
		v[30] = Float.NEGATIVE_INFINITY;
		Tensor t = new ScaleRange(List.of("x", "y"), 1, 99.8, 1e-6).apply(new Tensor(v, 1, 1, 10, 100), List.of("b", "c", "y", "x"));
		for (float x : t.data()) assertTrue(Float.isFinite(x));
		assertEquals(0f, t.data()[10]);
		assertTrue(t.data()[999] > 0.99 && t.data()[999] < 1.01, "the top percentile is a real value: " + t.data()[999]);
	}
}
