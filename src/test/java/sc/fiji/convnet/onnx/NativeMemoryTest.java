package sc.fiji.convnet.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.model.TestData;
import sc.fiji.convnet.tensor.Tensor;

/**
 * 1,000 runs must not grow the process's resident memory: every run frees its native input and output tensors.
 * The bound is generous (RSS also moves with the JVM heap); leaked per-run arenas or output tensors would exceed it.
 * A longer measurement on the UNet lives in the bench {@code OnnxMemoryBench}.
 */
class NativeMemoryTest {

	@Test
	void thousandRunsDoNotGrowResidentMemory() throws IOException {
		Path model = TestData.require(TestData.CONFORMANCE.resolve("test_Conv2d/model.onnx"));
		long before, after;
		try (OnnxSession s = OnnxSession.open(model, 1)) {
			long[] shape = s.inputs().get(0).shape();
			Tensor x = OnnxSessionTest.random((int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3], 7);
			for (int i = 0; i < 100; i++) s.run(x); // warm up: arenas and JIT reach their steady size
			System.gc();
			before = rssKiB();
			for (int i = 0; i < 1000; i++) s.run(x);
			System.gc();
			after = rssKiB();
		}
		System.out.printf("RSS over 1,000 runs of test_Conv2d: %d KiB -> %d KiB (%+d KiB)%n", before, after, after - before);
		assertTrue(after - before < 64 * 1024, "resident memory grew by " + (after - before) + " KiB over 1,000 runs");
	}

	static long rssKiB() throws IOException {
		Path status = Path.of("/proc/self/status");
		if (!Files.exists(status)) return 0; // not Linux: nothing to measure
		for (String line : Files.readAllLines(status))
			if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
		return 0;
	}
}
