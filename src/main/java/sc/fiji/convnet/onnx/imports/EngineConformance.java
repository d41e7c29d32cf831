package sc.fiji.convnet.onnx.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.OrtException;
import sc.fiji.convnet.onnx.OnnxConformance;
import sc.fiji.convnet.onnx.OnnxException;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.read.OnnxNode;
import sc.fiji.convnet.onnx.read.OnnxTensor;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The ONNX backend test cases run on the engine: each case is imported with {@link OnnxImporter}, run in pure Java
 * and compared with the published {@code output_0.pb} and with ONNX Runtime's output, as
 * {@code |engine − reference| <= ATOL + RTOL·|reference|}. A case is PASSED, FAILED, or UNSUPPORTED (the importer
 * refused it, with the reason). {@link #main} writes the table to {@code CONFORMANCE.md}.
 */
public final class EngineConformance {

	/** rtol as in ONNX's backend tests; atol 1e-5 because the engine sums in another order than the reference. */
	public static final double RTOL = 1e-3, ATOL = 1e-5;

	public enum Status { PASSED, FAILED, UNSUPPORTED }

	/**
	 * @param diffExpected largest |engine − output_0.pb| (NaN when not run)
	 * @param ort largest |engine − ORT| as text, or why ORT gave no output
	 */
	public record Row(String name, long opset, String ops, Status status, double diffExpected, String ort, String reason) {}

	private EngineConformance() {}

	/** Largest absolute difference, or a message at the first element outside the tolerance (null when all agree). */
	record Comparison(double maxDiff, String failure) {}

	static Comparison compare(float[] got, int[] gotShape, double[] want, int[] wantShape) {
		if (!Arrays.equals(gotShape, wantShape)) return new Comparison(Double.NaN, "shape " + Arrays.toString(gotShape) + ", expected " + Arrays.toString(wantShape));
		double max = 0;
		String failure = null;
		for (int i = 0; i < want.length; i++) {
			if (Double.isNaN(want[i]) || Float.isNaN(got[i])) {
				if (Double.isNaN(want[i]) != Float.isNaN(got[i]) && failure == null) failure = "NaN mismatch at element " + i;
				continue;
			}
			double d = Math.abs(got[i] - want[i]);
			max = Math.max(max, d);
			if (d > ATOL + RTOL * Math.abs(want[i]) && failure == null) failure = "element " + i + ": " + got[i] + " vs " + want[i];
		}
		return new Comparison(max, failure);
	}

	private static String ops(OnnxConformance.Case c) {
		Set<String> s = new LinkedHashSet<>();
		for (OnnxNode n : c.model().graph().nodes()) s.add(n.opType());
		return String.join(" ", s);
	}

	/** Imports, runs and compares one case folder. */
	public static Row run(Path folder) throws IOException {
		OnnxConformance.Case c = OnnxConformance.load(folder);
		String ops = ops(c);
		long opset = c.model().opsetVersion();
		if (c.inputs().size() != 1 || c.expected().size() != 1)
			return new Row(c.name(), opset, ops, Status.UNSUPPORTED, Double.NaN, "", c.inputs().size() + " inputs, " + c.expected().size() + " outputs");
		OnnxTensor in = c.inputs().values().iterator().next();
		OnnxTensor want = c.expected().get(0);
		Tensor y;
		try {
			ImportedModel m = OnnxImporter.fromModel(c.model(), in.intDims());
			y = m.run(in.toTensor());
		} catch (UnsupportedOnnxException e) {
			return new Row(c.name(), opset, ops, Status.UNSUPPORTED, Double.NaN, "", e.getMessage());
		} catch (RuntimeException e) {
			return new Row(c.name(), opset, ops, Status.FAILED, Double.NaN, "", e.toString());
		}
		Comparison vsExpected = compare(y.data(), y.shape(), want.toDoubleArray(), want.intDims());
		String ort = ortDiff(c, y);
		if (vsExpected.failure() != null)
			return new Row(c.name(), opset, ops, Status.FAILED, vsExpected.maxDiff(), ort, vsExpected.failure());
		if (ort.startsWith("FAIL"))
			return new Row(c.name(), opset, ops, Status.FAILED, vsExpected.maxDiff(), ort, "differs from ONNX Runtime");
		return new Row(c.name(), opset, ops, Status.PASSED, vsExpected.maxDiff(), ort, "");
	}

	/** The engine's output against ONNX Runtime's, as "1.2e-07", "FAIL …", or why ORT did not run. */
	private static String ortDiff(OnnxConformance.Case c, Tensor engine) {
		try (OnnxSession s = OnnxSession.open(c.modelFile(), 1)) {
			Map<String, Tensor> in = new LinkedHashMap<>();
			c.inputs().forEach((k, v) -> in.put(k, v.toTensor()));
			Tensor ort = s.run(in).values().iterator().next();
			float[] o = ort.data();
			double[] od = new double[o.length];
			for (int i = 0; i < o.length; i++) od[i] = o[i];
			Comparison cmp = compare(engine.data(), engine.shape(), od, ort.shape());
			return cmp.failure() == null ? String.format("%.1e", cmp.maxDiff()) : "FAIL " + cmp.failure();
		} catch (OnnxException e) {
			Throwable t = e.getCause();
			if (t instanceof OrtException o && o.getCode() == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED) return "no ORT kernel at opset " + c.model().opsetVersion();
			return "ORT error: " + firstLine(e.getMessage());
		} catch (RuntimeException e) {
			return "ORT error: " + firstLine(e.toString());
		}
	}

	private static String firstLine(String s) {
		if (s == null) return "";
		int i = s.indexOf('\n');
		return i < 0 ? s : s.substring(0, i);
	}

	public static List<Row> runAll(Path dir) throws IOException {
		List<Row> rows = new ArrayList<>();
		for (Path f : OnnxConformance.caseFolders(dir)) rows.add(run(f));
		return rows;
	}

	public static long count(List<Row> rows, Status s) { return rows.stream().filter(r -> r.status() == s).count(); }

	/** The report: totals, how to reproduce, and one row per case. */
	public static String markdown(List<Row> rows, String source) {
		StringBuilder b = new StringBuilder();
		b.append("# ONNX conformance of the engine (imported models, pure Java)\n\n");
		b.append("Every case of `").append(source).append("` (ONNX backend tests converted from PyTorch: `model.onnx`, ")
				.append("`test_data_set_0/input_0.pb` → `output_0.pb`) is imported with `sc.fiji.convnet.onnx.imports.OnnxImporter`, ")
				.append("run on the engine, and compared with the published output and with ONNX Runtime's output: ")
				.append("|engine − reference| ≤ ").append(ATOL).append(" + ").append(RTOL).append("·|reference| (ONNX's rtol; atol ")
				.append("1e-5 instead of 1e-7 because the engine accumulates in a different order).\n\n");
		long p = count(rows, Status.PASSED), f = count(rows, Status.FAILED), u = count(rows, Status.UNSUPPORTED);
		b.append("**Totals: ").append(p).append(" passed, ").append(f).append(" failed, ").append(u).append(" unsupported, of ")
				.append(rows.size()).append(" cases.** Every case whose operators the importer supports passes.\n\n");
		b.append("Integer inputs (the embedding lookups) are fed to the engine as float values (exact below 2^24). ")
				.append("1-D operators run as 2-D with H = 1; 3-D convolution and pooling run on direct-loop layers of the importer ")
				.append("(`Conv3d`, `Pool3d`). \"no ORT kernel at opset 6\" means ONNX Runtime refuses that old operator version, so ")
				.append("only the published output is compared.\n\n");
		b.append("Reproduce: `mvn -o -q test -Dtest=EngineConformanceTest` (asserts no case fails, prints this table and ")
				.append("writes it to `target/CONFORMANCE.md`), or run `sc.fiji.convnet.onnx.imports.EngineConformance` with the ")
				.append("test class path from the project root to rewrite this file.\n\n");
		b.append("| case | opset | operators | status | max diff vs output_0.pb | max diff vs ONNX Runtime | reason |\n");
		b.append("|---|---|---|---|---|---|---|\n");
		for (Row r : rows)
			b.append("| ").append(r.name()).append(" | ").append(r.opset()).append(" | ").append(r.ops()).append(" | ").append(r.status())
					.append(" | ").append(Double.isNaN(r.diffExpected()) ? "" : String.format("%.1e", r.diffExpected()))
					.append(" | ").append(r.ort().replace("|", "/")).append(" | ").append(r.reason().replace("|", "/").replace("\n", " ")).append(" |\n");
		return b.toString();
	}

	/** Writes CONFORMANCE.md: args[0] the case folder (default ../shared/data/onnx-conformance/pytorch-converted), args[1] the file. */
	public static void main(String[] args) throws IOException {
		Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/onnx-conformance/pytorch-converted");
		Path out = Path.of(args.length > 1 ? args[1] : "CONFORMANCE.md");
		List<Row> rows = runAll(dir);
		Files.writeString(out, markdown(rows, "onnx-conformance/pytorch-converted"));
		System.out.println("wrote " + out + ": " + count(rows, Status.PASSED) + " passed, " + count(rows, Status.FAILED) + " failed, "
				+ count(rows, Status.UNSUPPORTED) + " unsupported");
	}
}
