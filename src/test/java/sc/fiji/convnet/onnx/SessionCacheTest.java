package sc.fiji.convnet.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.tensor.Tensor;

/** The one session cache is bounded: the least recently used session is closed, and a holder's supplier reopens it. */
class SessionCacheTest {

	@TempDir
	Path tmp;

	@Test
	void leastRecentlyUsedSessionIsClosedPastTheBound() throws Exception {
		Path relu = Files.write(tmp.resolve("relu.onnx"), TinyOnnx.unary("Relu", 13));
		Path sigmoid = Files.write(tmp.resolve("sigmoid.onnx"), TinyOnnx.unary("Sigmoid", 13));
		Path tanh = Files.write(tmp.resolve("tanh.onnx"), TinyOnnx.unary("Tanh", 13));
		try (SessionCache cache = new SessionCache(2)) {
			OnnxSession a = cache.get(relu, 1), b = cache.get(sigmoid, 1);
			assertSame(a, cache.get(relu, 1)); // relu is now the most recently used
			Supplier<OnnxSession> sigmoids = cache.supplier(sigmoid, 1);
			OnnxSession c = cache.get(tanh, 1);
			assertEquals(2, cache.size());
			assertTrue(b.isClosed(), "sigmoid, the least recently used, was closed");
			assertFalse(a.isClosed() || c.isClosed());
			Tensor y = sigmoids.get().run(Tensor.zeros(1, 1, 2, 2)); // the holder's supplier reopens it (and evicts relu)
			assertEquals(0.5f, y.data()[0], 1e-6f);
			assertNotSame(b, sigmoids.get());
			assertTrue(a.isClosed());
			assertEquals(2, cache.size());
		}
		assertEquals(SessionCache.DEFAULT_CAPACITY, SessionCache.shared().capacity());
	}
}
