package sc.fiji.convnet.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.model.TestData;
import sc.fiji.convnet.onnx.read.FileMutator;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Damaged conformance models opened and run through {@link OnnxSession}: each either works or fails with an
 * {@link OnnxException} naming the file. A native crash would end the test JVM, so passing shows there was none
 * for these seeded mutations.
 */
class OrtFuzzTest {

	@TempDir
	Path tmp;

	@Test
	@Timeout(300)
	void damagedModelsNeverCrashOnnxRuntime() throws Exception {
		int perModel = Integer.getInteger("ortfuzz.mutations", 4);
		Random rnd = new Random(FileMutator.SEED + 1);
		int ran = 0, refusedByReader = 0, refusedByOrt = 0;
		List<String> bad = new ArrayList<>();
		for (Path folder : OnnxConformance.caseFolders(TestData.require(TestData.CONFORMANCE))) {
			OnnxConformance.Case c = OnnxConformance.load(folder);
			byte[] original = Files.readAllBytes(c.modelFile());
			for (int m = 0; m < perModel; m++) {
				long seed = rnd.nextLong();
				Path damaged = Files.write(tmp.resolve(folder.getFileName() + "_" + m + ".onnx"), FileMutator.mutate(original, new Random(seed)));
				try (OnnxSession s = OnnxSession.open(damaged, 1)) {
					java.util.Map<String, Tensor> in = new java.util.LinkedHashMap<>();
					c.inputs().forEach((k, v) -> in.put(k, v.toTensor()));
					s.run(in);
					ran++;
				} catch (sc.fiji.convnet.onnx.read.OnnxFormatException e) {
					refusedByReader++;
				} catch (OnnxException e) {
					refusedByOrt++;
					if (!e.getMessage().contains(damaged.toString())) bad.add("message lacks the file: " + e.getMessage());
				} catch (Throwable t) {
					bad.add(damaged + " (seed " + seed + "): " + t);
				}
				Files.delete(damaged);
			}
		}
		System.out.printf("ORT fuzz: %d damaged models ran, %d refused by our reader, %d refused by ORT, %d other%n", ran, refusedByReader, refusedByOrt, bad.size());
		bad.stream().limit(10).forEach(System.out::println);
		assertTrue(bad.isEmpty(), () -> bad.get(0));
	}
}
