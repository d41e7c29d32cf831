package sc.fiji.convnet.onnx.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.SessionCache;
import sc.fiji.convnet.onnx.export.BioimageioWriter;
import sc.fiji.convnet.onnx.read.OnnxModel;
import sc.fiji.convnet.onnx.read.OnnxNode;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.onnx.write.ExposedOutputs;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The self-check of an import: one forward pass of an ONNX model on ONNX Runtime and on its engine import with the
 * same input, every graph output compared. When they differ, both compute every intermediate value in one more pass
 * (ONNX Runtime through {@link ExposedOutputs}, the engine through {@link OnnxImporter#intermediates}) and the first
 * node in the graph's topological order whose output differs is named.
 * <p>
 * Tolerance, per tensor: {@code |engine − ort| ≤ ATOL·scale + RTOL·|ort|} with {@code scale = max|ort|} over that
 * tensor (1 when it is all zero): atol is relative to the output's scale, so logits of 10^20 and probabilities in
 * [0, 1] are held to the same relative standard; rtol as ONNX's backend tests. NaN must meet NaN.
 * <p>
 * Results are cached per SHA-256 digest of the model file for the life of the JVM, so each model costs one check.
 */
public final class ImportCheck {

	public static final double RTOL = 1e-3, ATOL = 1e-4;
	/** The tolerance in words, for reports. */
	public static final String TOLERANCE = "|engine − ORT| ≤ 1e-4·max|ORT| + 1e-3·|ORT|";

	/** MATCHES: within tolerance; DIFFERS: beyond it; ENGINE_CANNOT_IMPORT: the importer refused; ORT_CANNOT_RUN: no reference. */
	public enum Status { MATCHES, DIFFERS, ENGINE_CANNOT_IMPORT, ORT_CANNOT_RUN }

	/**
	 * @param maxAbsDiff largest |engine − ORT| over all outputs (NaN when not compared)
	 * @param node the first diverging node ({@code OpType 'name'}), or null
	 * @param message one line: what was found
	 */
	public record Result(String sha256, Status status, double maxAbsDiff, String node, String message) {
		public boolean passed() { return status == Status.MATCHES; }
	}

	/** Thrown where an import is refused because its check did not pass; the message is the check's one line. */
	public static final class Refused extends IOException {
		private final transient Result result;

		Refused(String model, Result r) {
			super(model + ": refused, " + r.message());
			this.result = r;
		}

		public Result result() { return result; }
	}

	private static final Map<String, Result> CACHE = new ConcurrentHashMap<>();
	private static final Map<String, String> DIGESTS = new ConcurrentHashMap<>();
	private static final AtomicInteger ORT_RUNS = new AtomicInteger();

	private ImportCheck() {}

	/** How many ONNX Runtime passes the checks of this JVM ran (a test counts them to see the cache work). */
	public static int ortRuns() { return ORT_RUNS.get(); }

	/** The cached result for this file's digest, or null when it was never checked. */
	public static Result cached(Path onnx) throws IOException { return CACHE.get(sha256(onnx)); }

	/**
	 * The check of a model file, run once per digest.
	 *
	 * @param inputs the check input by graph input name, made from the read model (only called when not cached)
	 */
	public static Result check(Path onnx, Function<OnnxModel, Map<String, Tensor>> inputs, int threads) throws IOException {
		String digest = sha256(onnx);
		Result r = CACHE.get(digest);
		if (r != null) return r;
		synchronized (ImportCheck.class) {
			r = CACHE.get(digest);
			if (r != null) return r;
			OnnxModel model = OnnxReader.read(onnx);
			r = run(onnx, digest, model, inputs.apply(model), threads);
			CACHE.put(digest, r);
			return r;
		}
	}

	/** {@link #check}, throwing {@link Refused} (its message starts with {@code model}) when the import did not pass. */
	public static Result require(String model, Path onnx, Function<OnnxModel, Map<String, Tensor>> inputs, int threads) throws IOException {
		Result r = check(onnx, inputs, threads);
		if (!r.passed()) throw new Refused(model, r);
		return r;
	}

	/** Forgets every result (tests). */
	public static void clearCache() { CACHE.clear(); }

	private static Result run(Path onnx, String digest, OnnxModel model, Map<String, Tensor> inputs, int threads) {
		Map<String, int[]> shapes = new LinkedHashMap<>();
		inputs.forEach((k, v) -> shapes.put(k, v.shape()));
		Map<String, Tensor> engine;
		try {
			engine = OnnxImporter.fromModel(model, shapes, null).run(inputs);
		} catch (RuntimeException e) {
			return new Result(digest, Status.ENGINE_CANNOT_IMPORT, Double.NaN, null, "the engine cannot import it: " + firstLine(e));
		}
		Map<String, Tensor> ort;
		try {
			ORT_RUNS.incrementAndGet();
			ort = SessionCache.shared().get(onnx, threads).run(inputs);
		} catch (RuntimeException e) {
			return new Result(digest, Status.ORT_CANNOT_RUN, Double.NaN, null, "ONNX Runtime cannot run it, so the import cannot be checked: " + firstLine(e));
		}
		double max = 0;
		String failure = null;
		for (Map.Entry<String, Tensor> e : engine.entrySet()) {
			Tensor want = ort.get(e.getKey());
			Diff d = want == null ? new Diff(Double.NaN, "ONNX Runtime gives no output '" + e.getKey() + "'") : compare(e.getValue(), want);
			if (!Double.isNaN(d.maxAbs())) max = Math.max(max, d.maxAbs());
			if (d.failure() != null && failure == null) failure = "output '" + e.getKey() + "' " + d.failure();
		}
		if (failure == null)
			return new Result(digest, Status.MATCHES, max, null, String.format(Locale.ROOT, "the engine matches ONNX Runtime (max |diff| %.1e)", max));
		String node;
		try {
			node = firstDivergingNode(onnx, model, shapes, inputs, threads);
		} catch (IOException | RuntimeException e) {
			node = null;
			failure += " (the diverging node could not be found: " + firstLine(e) + ")";
		}
		String where = node == null ? "" : " from node " + node;
		return new Result(digest, Status.DIFFERS, max, node, String.format(Locale.ROOT, "the engine differs from ONNX Runtime%s: max |diff| %.1e; %s",
				where, max, failure));
	}

	/** Every intermediate value on both sides: the first node (graph order) with an output beyond the tolerance. */
	private static String firstDivergingNode(Path onnx, OnnxModel model, Map<String, int[]> shapes, Map<String, Tensor> inputs, int threads)
			throws IOException {
		ImportedModel all = OnnxImporter.intermediates(model, shapes);
		Map<String, Tensor> engine = all.run(inputs);
		List<String> graphOutputs = model.graph().outputs().stream().map(v -> v.name()).toList();
		List<String> extra = new ArrayList<>(all.outputNames());
		extra.removeAll(graphOutputs);
		Path exposed = Files.createTempFile("convnet-check-", ".onnx");
		Map<String, Tensor> ort;
		try {
			Files.write(exposed, ExposedOutputs.expose(Files.readAllBytes(onnx), extra));
			try (OnnxSession s = OnnxSession.open(exposed, threads)) {
				ORT_RUNS.incrementAndGet();
				ort = s.run(inputs);
			}
		} finally {
			Files.deleteIfExists(exposed);
		}
		for (OnnxNode n : model.graph().nodes())
			for (String o : n.outputs()) {
				Tensor e = engine.get(o), want = ort.get(o);
				if (e != null && want != null && compare(e, want).failure() != null) return n.describe();
			}
		return null;
	}

	/** Largest |engine − ort| and the first element beyond the tolerance (null when none). */
	public record Diff(double maxAbs, String failure) {}

	public static Diff compare(Tensor engine, Tensor ort) {
		if (engine.size() != ort.size() || !Arrays.equals(engine.shape(), ort.shape()))
			return new Diff(Double.NaN, "has shape " + engine.shapeString() + " on the engine, " + ort.shapeString() + " on ONNX Runtime");
		float[] e = engine.data(), o = ort.data();
		double scale = 0;
		for (float v : o) if (!Float.isNaN(v)) scale = Math.max(scale, Math.abs(v));
		double atol = ATOL * (scale > 0 ? scale : 1);
		double max = 0;
		String failure = null;
		for (int i = 0; i < o.length; i++) {
			if (Float.isNaN(o[i]) || Float.isNaN(e[i])) {
				if (Float.isNaN(o[i]) != Float.isNaN(e[i]) && failure == null) failure = "element " + i + ": " + e[i] + " vs " + o[i];
				continue;
			}
			double d = Math.abs((double) e[i] - o[i]);
			max = Math.max(max, d);
			if (!(d <= atol + RTOL * Math.abs(o[i])) && failure == null)
				failure = String.format(Locale.ROOT, "element %d: %s on the engine vs %s on ONNX Runtime", i, e[i], o[i]);
		}
		return new Diff(max, failure);
	}

	/** The file's SHA-256 in hex, remembered per path, size and modification time. */
	public static String sha256(Path file) throws IOException {
		Path abs = file.toAbsolutePath().normalize();
		String key = abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis();
		String known = DIGESTS.get(key);
		if (known != null) return known;
		String hex = BioimageioWriter.sha256(abs);
		DIGESTS.put(key, hex);
		return hex;
	}

	/** The first line of an exception's message (its class when it has none). */
	public static String firstLine(Throwable t) {
		String m = t.getMessage() == null ? t.toString() : t.getMessage();
		int i = m.indexOf('\n');
		return i < 0 ? m : m.substring(0, i);
	}
}
