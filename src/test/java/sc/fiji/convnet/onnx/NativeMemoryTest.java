package sc.fiji.convnet.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.tensor.Tensor;

/**
 * 1,000 runs must not grow the process's resident memory: every run frees its native input and output tensors.
 * Each run here moves 4 MiB in and 4 MiB out through native memory, so leaking either would add ~4 GiB over
 * 1,000 runs. The heap grows and shrinks with the garbage collector, so the test subtracts the committed heap and
 * Java's direct buffers from the resident size. What remains still wanders by a few hundred MiB (malloc keeps freed
 * blocks), up and down rather than steadily, so the bound is 1 GiB: a quarter of what leaking one tensor per run costs.
 * The UNet measurement lives in the bench main {@code OnnxMemoryBench}.
 */
class NativeMemoryTest {

	@TempDir
	Path tmp;

	@Test
	void thousandRunsDoNotGrowResidentMemory() throws IOException {
		Path model = Files.write(tmp.resolve("relu.onnx"), TinyOnnx.unary("Relu", 13));
		long before, after;
		try (OnnxSession s = OnnxSession.open(model, 1)) {
			assertArrayEquals(new long[] { -1, -1, -1, -1 }, s.inputs().get(0).shape()); // dynamic axes are -1
			Tensor x = OnnxSessionTest.random(1, 1, 1024, 1024, 7);
			Tensor y = s.run(x);
			for (int i = 0; i < x.size(); i += 997) assertEquals(Math.max(0, x.data()[i]), y.data()[i]);
			for (int i = 0; i < 50; i++) s.run(x); // warm up: arenas and JIT reach their steady size
			System.gc();
			before = nativeKiB();
			long rssBefore = rssKiB();
			StringBuilder samples = new StringBuilder();
			for (int i = 1; i <= 1000; i++) {
				s.run(x);
				if (i % 200 == 0) {
					System.gc();
					samples.append(' ').append(nativeKiB());
				}
			}
			after = nativeKiB();
			System.out.printf("1,000 Relu runs on 1x1x1024x1024 (8 MiB through native memory per run): RSS %d -> %d KiB; "
					+ "RSS less committed heap and direct buffers %d -> %d KiB (%+d KiB); every 200 runs:%s KiB%n",
					rssBefore, rssKiB(), before, after, after - before, samples);
		}
		assertTrue(after - before < 1024 * 1024, "resident memory grew by " + (after - before) + " KiB over 1,000 runs");
	}

	/** Resident memory not explained by the Java heap or Java's direct buffers: ONNX Runtime's share. */
	public static long nativeKiB() throws IOException {
		long direct = 0;
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) direct += pool.getMemoryUsed();
		return rssKiB() - (Runtime.getRuntime().totalMemory() + direct) / 1024;
	}

	public static long rssKiB() throws IOException {
		Path status = Path.of("/proc/self/status");
		if (!Files.exists(status)) return 0; // not Linux: nothing to measure
		for (String line : Files.readAllLines(status))
			if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
		return 0;
	}
}
