package sc.fiji.convnet.onnx.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.model.TestData;
import sc.fiji.convnet.onnx.imports.EngineConformance.Row;
import sc.fiji.convnet.onnx.imports.EngineConformance.Status;

/**
 * The 82 pytorch-converted ONNX backend tests, imported and run on the engine: no case whose operators are supported
 * may fail (vs the published output and vs ONNX Runtime where it runs the case); today all 82 are supported. The 35
 * pytorch-operator cases likewise: 30 pass, the 5 double-precision ones are refused. Prints the tables and writes them to
 * target/CONFORMANCE.md.
 */
class EngineConformanceTest {

	@Test
	void everySupportedCasePasses() throws Exception {
		Path dir = TestData.require(TestData.CONFORMANCE);
		List<Row> rows = EngineConformance.runAll(dir);
		assertEquals(82, rows.size(), "cases in " + dir);
		assertNoneFails(rows);
		assertEquals(82, EngineConformance.count(rows, Status.PASSED), "passed cases; unsupported: "
				+ rows.stream().filter(r -> r.status() == Status.UNSUPPORTED).toList());
		Path ops = TestData.require(TestData.OPERATORS);
		List<Row> opRows = EngineConformance.runAll(ops);
		assertEquals(35, opRows.size(), "cases in " + ops);
		assertNoneFails(opRows);
		List<Row> refused = opRows.stream().filter(r -> r.status() == Status.UNSUPPORTED).toList();
		for (Row r : refused) assertTrue(r.reason().contains("is double; the engine computes in float32 only") && r.reason().contains("read by Add"), r.toString());
		assertEquals(30, EngineConformance.count(opRows, Status.PASSED), "passed operator cases; not supported: " + refused);
		String table = EngineConformance.markdown(rows, opRows, List.of());
		System.out.println(table);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/CONFORMANCE.md"), table);
	}

	private static void assertNoneFails(List<Row> rows) {
		List<Row> failed = rows.stream().filter(r -> r.status() == Status.FAILED).toList();
		assertTrue(failed.isEmpty(), "failing cases: " + failed);
		for (Row r : rows)
			assertTrue(!r.ort().startsWith("FAIL") && !r.ort().startsWith("ORT error"), "ORT comparison: " + r);
	}

	@Test
	void comparisonUsesRelativeAndAbsoluteTolerance() {
		assertEquals(null, EngineConformance.compare(new float[] { 1000.5f }, new int[] { 1 }, new double[] { 1000 }, new int[] { 1 }).failure());
		assertTrue(EngineConformance.compare(new float[] { 1.01f }, new int[] { 1 }, new double[] { 1 }, new int[] { 1 }).failure() != null);
		assertTrue(EngineConformance.compare(new float[] { 1 }, new int[] { 1, 1 }, new double[] { 1 }, new int[] { 1 }).failure().contains("shape"));
		assertTrue(EngineConformance.compare(new float[] { Float.NaN }, new int[] { 1 }, new double[] { 1 }, new int[] { 1 }).failure().contains("NaN"));
	}
}
