package sc.fiji.convnet.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.model.TestData;

/**
 * Every pytorch-converted ONNX backend test: model and tensors read by our reader, run in ONNX Runtime, compared with
 * the published expected output. A wrong tensor reader would feed wrong inputs or expect wrong outputs and fail here.
 */
class OnnxConformanceTest {

	@Test
	void allPytorchConvertedCasesPassInOrt() throws Exception {
		Path dir = TestData.require(TestData.CONFORMANCE);
		List<Path> folders = OnnxConformance.caseFolders(dir);
		assertEquals(82, folders.size(), "cases in " + dir);
		List<OnnxConformance.Result> failed = new ArrayList<>(), unsupported = new ArrayList<>();
		int passed = 0;
		try (SessionCache cache = new SessionCache()) {
			for (Path f : folders) {
				OnnxConformance.Case c = OnnxConformance.load(f);
				OnnxConformance.Result r = OnnxConformance.runOrt(c, cache, 1);
				switch (r.status()) {
				case PASS -> passed++;
				case FAIL -> failed.add(r);
				case UNSUPPORTED -> {
					// ONNX Runtime only guarantees opset >= 7; these files are opset 6 and some of their kernels are gone
					assertTrue(c.model().opsetVersion() < 7, "unsupported although opset " + c.model().opsetVersion() + ": " + r);
					unsupported.add(r);
				}
				}
				cache.evict(f.resolve("model.onnx"));
			}
		}
		System.out.println("ONNX conformance (pytorch-converted) through ONNX Runtime " + OrtInfo.probe().ortVersion() + ": "
				+ passed + " pass, " + failed.size() + " fail, " + unsupported.size() + " not run (no ORT kernel for the old opset) of " + folders.size());
		failed.forEach(r -> System.out.println("  " + r));
		unsupported.forEach(r -> System.out.println("  " + r));
		assertTrue(failed.isEmpty(), "failing cases: " + failed);
		assertTrue(passed >= 59, "only " + passed + " cases pass");
	}
}
