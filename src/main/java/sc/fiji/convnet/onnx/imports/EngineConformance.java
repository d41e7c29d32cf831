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
import sc.fiji.convnet.onnx.read.OnnxModel;
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

	static final String SELF_CHECK = "Every import of an ONNX model for the engine's tasks (explanations, feature maps, fine-tuning: `ModelFiles.network`) is checked the same way on the model itself: one pass on ONNX Runtime and on the engine with the description's test input (else arange(n)/n of the input's shape), |engine − ORT| ≤ 1e-4·max|ORT| + 1e-3·|ORT| per output (`ImportCheck`; atol relative to the output's scale). A model beyond it is refused with one line naming the first diverging node (every intermediate value compared in graph order); the result is cached per SHA-256 of the file. `bin/convnet check-model --model NAME|PATH` prints it.";

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

	/** Imports, runs and compares one case folder (every output, in order). */
	public static Row run(Path folder) throws IOException {
		OnnxConformance.Case c = OnnxConformance.load(folder);
		String ops = ops(c);
		long opset = c.model().opsetVersion();
		Map<String, int[]> shapes = new LinkedHashMap<>();
		Map<String, Tensor> in = new LinkedHashMap<>();
		c.inputs().forEach((k, v) -> {
			shapes.put(k, v.intDims());
			in.put(k, v.toTensor());
		});
		List<Tensor> ys;
		try {
			ImportedModel m = OnnxImporter.fromModel(c.model(), shapes, null);
			ys = new ArrayList<>(m.run(in).values());
		} catch (UnsupportedOnnxException e) {
			return new Row(c.name(), opset, ops, Status.UNSUPPORTED, Double.NaN, "", e.getMessage());
		} catch (RuntimeException e) {
			return new Row(c.name(), opset, ops, Status.FAILED, Double.NaN, "", e.toString());
		}
		if (ys.size() != c.expected().size())
			return new Row(c.name(), opset, ops, Status.FAILED, Double.NaN, "", ys.size() + " outputs, " + c.expected().size() + " expected");
		List<double[]> want = new ArrayList<>();
		List<int[]> wantShapes = new ArrayList<>();
		for (OnnxTensor t : c.expected()) {
			want.add(t.toDoubleArray());
			wantShapes.add(t.intDims());
		}
		Comparison vsExpected = compareAll(ys, want, wantShapes);
		String ort = ortDiff(c, in, ys);
		if (vsExpected.failure() != null)
			return new Row(c.name(), opset, ops, Status.FAILED, vsExpected.maxDiff(), ort, vsExpected.failure());
		if (ort.startsWith("FAIL"))
			return new Row(c.name(), opset, ops, Status.FAILED, vsExpected.maxDiff(), ort, "differs from ONNX Runtime");
		return new Row(c.name(), opset, ops, Status.PASSED, vsExpected.maxDiff(), ort, "");
	}

	/** Every output against its reference: the largest difference over all, and the first failure. */
	private static Comparison compareAll(List<Tensor> got, List<double[]> want, List<int[]> wantShapes) {
		double max = 0;
		for (int k = 0; k < got.size(); k++) {
			Comparison cmp = compare(got.get(k).data(), got.get(k).shape(), want.get(k), wantShapes.get(k));
			if (cmp.failure() != null) return new Comparison(cmp.maxDiff(), (got.size() > 1 ? "output " + k + ": " : "") + cmp.failure());
			max = Math.max(max, cmp.maxDiff());
		}
		return new Comparison(max, null);
	}

	/** The engine's outputs against ONNX Runtime's, as "1.2e-07", "FAIL …", or why ORT did not run. */
	private static String ortDiff(OnnxConformance.Case c, Map<String, Tensor> in, List<Tensor> engine) {
		try (OnnxSession s = OnnxSession.open(c.modelFile(), 1)) {
			List<double[]> want = new ArrayList<>();
			List<int[]> shapes = new ArrayList<>();
			for (Tensor ort : s.run(in).values()) {
				float[] o = ort.data();
				double[] od = new double[o.length];
				for (int i = 0; i < o.length; i++) od[i] = o[i];
				want.add(od);
				shapes.add(ort.shape());
			}
			if (want.size() != engine.size()) return "FAIL ORT gives " + want.size() + " outputs";
			Comparison cmp = compareAll(engine, want, shapes);
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

	/** The report: the converted cases, the operator cases and the zoo networks, each with totals and one row per case. */
	public static String markdown(List<Row> converted, List<Row> operators, List<Row> zoo) {
		StringBuilder b = new StringBuilder();
		b.append("# ONNX conformance of the engine (imported models, pure Java)\n\n");
		b.append("Every case is imported with `sc.fiji.convnet.onnx.imports.OnnxImporter`, run on the engine, and compared with the ")
				.append("published output and with ONNX Runtime's output on the same input: |engine − reference| ≤ ").append(ATOL).append(" + ")
				.append(RTOL).append("·|reference| (ONNX's rtol; atol 1e-5 instead of 1e-7 because the engine accumulates in a different order). ")
				.append("Every output of a case is compared; the max differences are over all of them.\n\n");
		b.append("Integer inputs (the embedding lookups) are fed to the engine as float values (exact below 2^24); double inputs are refused ")
				.append("(the engine computes in float32). Several inputs, or one of rank below 2, are packed into one engine input and sliced ")
				.append("apart; several outputs are packed the same way (`ImportedModel.run(Map)`). 1-D operators run as 2-D with H = 1; 3-D ")
				.append("convolution and pooling run on direct-loop layers of the importer (`Conv3d`, `Pool3d`). \"no ORT kernel at opset 6\" ")
				.append("means ONNX Runtime refuses that old operator version, so only the published output is compared.\n\n");
		b.append("Reproduce: `mvn -o -q test -Dtest=EngineConformanceTest,ZooNetworksTest` (asserts no case fails, prints the tables and ")
				.append("writes them to `target/CONFORMANCE.md`), or run `sc.fiji.convnet.onnx.imports.EngineConformance` with the ")
				.append("test class path from the project root to rewrite this file.\n\n");
		b.append("**Self-check on import.** ").append(SELF_CHECK).append("\n\n");
		section(b, "onnx-conformance/pytorch-converted", "ONNX backend tests converted from PyTorch modules", converted);
		section(b, "onnx-conformance/pytorch-operator", "ONNX backend tests of PyTorch operators as PyTorch exports them. The five double-precision cases are refused: "
				+ "their inputs are PyTorch's uninitialised memory (values from 10^-322 to 10^228, beyond float32), which the engine cannot hold", operators);
		section(b, "onnx-zoo-light", "four classic ImageNet networks with constant weights (opset 9); input arange(n)/n of the "
				+ "graph input's shape, as the ONNX backend runner makes it; reference `light_<name>_output_0.pb`. Because every weight is "
				+ "the same constant, every class gets the same score: `ZooNetworksTest` also compares the logits that feed the softmax "
				+ "(up to 10^21) with ONNX Runtime's", zoo);
		return b.toString();
	}

	private static void section(StringBuilder b, String source, String what, List<Row> rows) {
		long p = count(rows, Status.PASSED), f = count(rows, Status.FAILED), u = count(rows, Status.UNSUPPORTED);
		b.append("## `").append(source).append("`\n\n").append(what).append(".\n\n");
		b.append("**Totals: ").append(p).append(" passed, ").append(f).append(" failed, ").append(u).append(" not supported, of ")
				.append(rows.size()).append(" cases.**\n\n");
		b.append("| case | opset | operators | status | max diff vs output_0.pb | max diff vs ONNX Runtime | reason |\n");
		b.append("|---|---|---|---|---|---|---|\n");
		for (Row r : rows)
			b.append("| ").append(r.name()).append(" | ").append(r.opset()).append(" | ").append(r.ops()).append(" | ").append(r.status())
					.append(" | ").append(Double.isNaN(r.diffExpected()) ? "" : String.format("%.1e", r.diffExpected()))
					.append(" | ").append(r.ort().replace("|", "/")).append(" | ").append(r.reason().replace("|", "/").replace("\n", " ")).append(" |\n");
		b.append("\n");
	}

	/**
	 * The networks of onnx-zoo-light ({@code light_<name>.onnx} with {@code light_<name>_output_0.pb}), each run once on
	 * {@link #arange}.
	 */
	public static List<Row> runZoo(Path dir) throws IOException {
		List<Row> rows = new ArrayList<>();
		List<Path> files;
		try (var s = Files.list(dir)) {
			files = s.filter(f -> f.getFileName().toString().endsWith(".onnx")).sorted().toList();
		}
		for (Path f : files) {
			String name = f.getFileName().toString().replace(".onnx", "");
			OnnxModel model = sc.fiji.convnet.onnx.read.OnnxReader.read(f);
			Set<String> opSet = new LinkedHashSet<>();
			for (OnnxNode n : model.graph().nodes()) opSet.add(n.opType());
			String ops = String.join(" ", opSet);
			OnnxTensor want = sc.fiji.convnet.onnx.read.OnnxReader.readTensor(dir.resolve(name + "_output_0.pb"));
			Tensor x, y;
			try {
				ImportedModel m = OnnxImporter.fromModel(model, (int[]) null);
				x = arange(m.inputShape());
				y = m.run(x);
			} catch (UnsupportedOnnxException e) {
				rows.add(new Row(name, model.opsetVersion(), ops, Status.UNSUPPORTED, Double.NaN, "", e.getMessage()));
				continue;
			}
			Comparison vs = compare(y.data(), y.shape(), want.toDoubleArray(), want.intDims());
			String ort;
			try (OnnxSession s = OnnxSession.open(f, 1)) {
				Tensor o = s.run(x);
				double[] od = new double[o.size()];
				for (int i = 0; i < od.length; i++) od[i] = o.data()[i];
				Comparison c = compare(y.data(), y.shape(), od, o.shape());
				ort = c.failure() == null ? String.format("%.1e", c.maxDiff()) : "FAIL " + c.failure();
			}
			Status st = vs.failure() == null && !ort.startsWith("FAIL") ? Status.PASSED : Status.FAILED;
			rows.add(new Row(name, model.opsetVersion(), ops, st, vs.maxDiff(), ort, vs.failure() == null ? "" : vs.failure()));
		}
		return rows;
	}

	/** The input the ONNX backend runner makes: arange(n) / n in row-major order. */
	public static Tensor arange(int[] shape) {
		float[] v = new float[(int) Tensor.sizeOf(shape)];
		for (int i = 0; i < v.length; i++) v[i] = (float) ((double) i / v.length);
		return new Tensor(v, shape);
	}

	/** Writes CONFORMANCE.md: args[0] the shared data folder (default ../shared/data), args[1] the file. */
	public static void main(String[] args) throws IOException {
		Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
		Path out = Path.of(args.length > 1 ? args[1] : "CONFORMANCE.md");
		List<Row> converted = runAll(data.resolve("onnx-conformance/pytorch-converted"));
		List<Row> operators = runAll(data.resolve("onnx-conformance/pytorch-operator"));
		List<Row> zoo = runZoo(data.resolve("onnx-zoo-light"));
		Files.writeString(out, markdown(converted, operators, zoo));
		for (List<Row> rows : List.of(converted, operators, zoo))
			System.out.println("wrote " + out + ": " + count(rows, Status.PASSED) + " passed, " + count(rows, Status.FAILED) + " failed, "
					+ count(rows, Status.UNSUPPORTED) + " unsupported");
	}
}
