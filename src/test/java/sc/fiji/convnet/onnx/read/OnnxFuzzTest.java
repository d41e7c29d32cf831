package sc.fiji.convnet.onnx.read;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import sc.fiji.convnet.model.TestData;
import sc.fiji.convnet.onnx.OnnxConformance;

/**
 * Damaged copies of real ONNX files (byte flips, truncations, spliced garbage) given to the reader: each must be
 * read or refused with an {@link OnnxFormatException}; anything else (another exception, an error, a hang) fails.
 * Seeded, so a failure names the exact mutation to replay.
 */
class OnnxFuzzTest {

	static final int MUTATIONS_PER_FILE = Integer.getInteger("fuzz.mutations", 40);

	@Test
	@Timeout(120) // a hang guard, not a speed check
	void damagedFilesGiveOnlyFormatExceptions() throws Exception {
		List<Path> files = new ArrayList<>();
		for (Path f : OnnxConformance.caseFolders(TestData.require(TestData.CONFORMANCE))) {
			files.add(f.resolve("model.onnx"));
			files.add(f.resolve("test_data_set_0/input_0.pb"));
		}
		Path unet = TestData.UNET.resolve("weights.onnx");
		if (Files.exists(unet)) files.add(unet); // large raw_data initializers, opset 20
		Random rnd = new Random(FileMutator.SEED);
		int read = 0, refused = 0;
		List<String> bad = new ArrayList<>();
		for (Path file : files) {
			byte[] original = Files.readAllBytes(file);
			boolean tensor = file.toString().endsWith(".pb");
			for (int m = 0; m < MUTATIONS_PER_FILE; m++) {
				long seed = rnd.nextLong();
				byte[] damaged = FileMutator.mutate(original, new Random(seed));
				try {
					if (tensor) OnnxReader.readTensor(damaged, file.toString());
					else OnnxReader.read(damaged, file.toString());
					read++;
				} catch (OnnxFormatException e) {
					refused++;
					assertTrue(e.getMessage().startsWith(file.toString()), "message does not name the file: " + e.getMessage());
				} catch (Throwable t) {
					bad.add(file + " mutation seed " + seed + ": " + t);
				}
			}
		}
		System.out.printf("fuzz: %d damaged files, %d still readable, %d refused with OnnxFormatException, %d other%n",
				files.size() * MUTATIONS_PER_FILE, read, refused, bad.size());
		bad.stream().limit(20).forEach(System.out::println);
		assertTrue(bad.isEmpty(), () -> bad.size() + " damaged files raised something other than OnnxFormatException, e.g. " + bad.get(0));
		assertTrue(refused > files.size(), "the mutations hardly ever break anything: " + refused);
	}
}
