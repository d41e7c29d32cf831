package sc.fiji.convnet.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.model.TestData;
import sc.fiji.convnet.tensor.Tensor;

class OnnxSessionTest {

	@TempDir
	Path tmp;

	static Path unet() { return TestData.require(TestData.UNET.resolve("weights.onnx")); }

	@Test
	void describesInputsAndOutputs() {
		try (OnnxSession s = OnnxSession.open(unet(), 1)) {
			assertEquals(1, s.inputs().size());
			assertEquals(1, s.outputs().size());
			OnnxValueInfo in = s.inputs().get(0);
			System.out.println("unet2d: " + s.inputs() + " -> " + s.outputs());
			assertEquals("float", in.elementType());
			assertEquals(4, in.rank());
			assertEquals(1, in.shape()[1]); // one channel, as the description says
			assertEquals("float", s.outputs().get(0).elementType());
		}
	}

	@Test
	void ortInfoReportsVersion() {
		OrtInfo info = OrtInfo.probe();
		System.out.println(info.describe());
		assertTrue(info.available(), info.describe());
		assertTrue(info.ortVersion().matches("\\d+\\.\\d+.*"), info.ortVersion());
		assertEquals("true", System.getProperty("ai.djl.offline"));
	}

	@Test
	void wrongRankAndChannelsAreRefusedWithShapes() {
		try (OnnxSession s = OnnxSession.open(unet(), 1)) {
			OnnxException e = assertThrows(OnnxException.class, () -> s.run(Tensor.zeros(1, 64, 64)));
			assertTrue(e.getMessage().contains("rank 3 instead of 4") && e.getMessage().contains("weights.onnx"), e.getMessage());
			e = assertThrows(OnnxException.class, () -> s.run(Tensor.zeros(1, 3, 64, 64)));
			assertTrue(e.getMessage().contains("3 channels instead of 1"), e.getMessage());
		}
	}

	@Test
	void closedSessionRefusesToRun() {
		OnnxSession s = OnnxSession.open(unet(), 1);
		s.close();
		s.close(); // twice is fine
		OnnxException e = assertThrows(OnnxException.class, () -> s.run(Tensor.zeros(1, 1, 64, 64)));
		assertTrue(e.getMessage().contains("closed"));
	}

	@Test
	void missingEmptyTextAndTruncatedFilesGiveMessagesNamingTheFile() throws Exception {
		Path missing = tmp.resolve("nothing.onnx");
		assertMessage(missing, "not found");

		Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
		assertMessage(empty, "empty");

		Path text = Files.write(tmp.resolve("text.onnx"), "hello, I am not a model\n".getBytes(StandardCharsets.UTF_8));
		assertMessage(text, "not a valid ONNX model");
		Path binary = Files.write(tmp.resolve("binary.onnx"), new byte[] { 0x08, (byte) 0xff, 0x12, 0x7f, 0x01 });
		assertMessage(binary, "not a valid ONNX model");

		byte[] model = Files.readAllBytes(unet());
		for (int len : new int[] { 1, 17, 1000, model.length / 2, model.length - 3 }) {
			Path cut = Files.write(tmp.resolve("cut" + len + ".onnx"), Arrays.copyOf(model, len));
			assertMessage(cut, "not a valid ONNX model");
		}
		assertMessage(tmp, "not a regular file");
	}

	private static void assertMessage(Path file, String part) {
		OnnxException e = assertThrows(OnnxException.class, () -> OnnxSession.open(file, 1).close());
		assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(part), e.getMessage());
	}

	@Test
	void cacheLoadsOncePerFileAndThreads() {
		try (SessionCache cache = new SessionCache()) {
			OnnxSession a = cache.get(unet(), 1);
			assertSame(a, cache.get(unet().toAbsolutePath(), 1));
			OnnxSession b = cache.get(unet(), 2);
			assertNotSame(a, b);
			assertEquals(2, cache.size());
			cache.evict(unet());
			assertTrue(a.isClosed() && b.isClosed());
			assertEquals(0, cache.size());
		}
	}

	@Test
	void dynamicShapesPositionalRunsAndConcurrentRuns() throws Exception {
		Path model = Files.write(tmp.resolve("sigmoid.onnx"), TinyOnnx.unary("Sigmoid", 13));
		try (OnnxSession s = OnnxSession.open(model, 1)) {
			for (int[] shape : new int[][] { { 1, 1, 5, 7 }, { 3, 2, 4, 4 } }) {
				Tensor x = random(shape[0], shape[1], shape[2], shape[3], shape[0]);
				Tensor y = s.run(List.of(x)).get(0);
				assertEquals(x.shapeString(), y.shapeString());
				for (int i = 0; i < x.size(); i++) assertEquals(1 / (1 + Math.exp(-x.data()[i])), y.data()[i], 1e-6);
			}
			OnnxException e = assertThrows(OnnxException.class, () -> s.run(List.of(Tensor.zeros(1, 1, 2, 2), Tensor.zeros(1, 1, 2, 2))));
			assertTrue(e.getMessage().contains("has 1 inputs"), e.getMessage());
			// one session, two threads at once: ORT allows it, and the results stay apart
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				List<Future<Boolean>> done = new java.util.ArrayList<>();
				for (int t = 0; t < 2; t++) {
					int seed = t;
					done.add(pool.submit(() -> {
						Tensor x = random(1, 1, 64, 64, 100 + seed);
						for (int k = 0; k < 50; k++) {
							Tensor y = s.run(x);
							for (int i = 0; i < x.size(); i += 61)
								if (Math.abs(1 / (1 + Math.exp(-x.data()[i])) - y.data()[i]) > 1e-6) return false;
						}
						return true;
					}));
				}
				for (Future<Boolean> f : done) assertTrue(f.get());
			} finally {
				pool.shutdown();
			}
		}
	}

	/**
	 * Runs on one thread reuse one native input buffer: a smaller input after a larger one gives its own answer, and
	 * a series of runs allocates no direct memory per run (before, each run copied its input into a fresh direct buffer
	 * that only a garbage collection freed, and a series of detector runs slowed from 2.8 to 14 ms each).
	 */
	@Test
	void runsReuseTheirNativeInputBuffer() throws Exception {
		Path model = Files.write(tmp.resolve("relu.onnx"), TinyOnnx.unary("Relu", 13));
		java.lang.management.BufferPoolMXBean direct = java.lang.management.ManagementFactory
				.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream().filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
		try (OnnxSession s = OnnxSession.open(model, 1)) {
			for (int[] shape : new int[][] { { 1, 2, 256, 256 }, { 1, 1, 3, 5 }, { 2, 1, 100, 100 } }) {
				Tensor x = random(shape[0], shape[1], shape[2], shape[3], shape[2]);
				Tensor y = s.run(x);
				assertEquals(x.shapeString(), y.shapeString());
				for (int i = 0; i < x.size(); i++) assertEquals(Math.max(0, x.data()[i]), y.data()[i]);
			}
			Tensor x = random(1, 1, 512, 512, 3); // 1 MiB per run
			s.run(x);
			long before = direct.getTotalCapacity();
			for (int k = 0; k < 40; k++) s.run(x);
			long grown = direct.getTotalCapacity() - before;
			assertTrue(grown < 4L * x.size(), "40 runs of a 1 MiB input added " + grown + " bytes of direct buffers");
		}
	}

	static Tensor random(int n, int c, int h, int w, long seed) {
		java.util.Random rnd = new java.util.Random(seed);
		Tensor t = Tensor.zeros(n, c, h, w);
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) rnd.nextGaussian();
		return t;
	}

	static float[] concat(float[] a, float[] b) {
		float[] c = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, c, a.length, b.length);
		return c;
	}
}
