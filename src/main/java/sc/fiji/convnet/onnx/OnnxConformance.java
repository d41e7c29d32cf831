package sc.fiji.convnet.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.onnxruntime.OrtException;
import sc.fiji.convnet.onnx.read.OnnxModel;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.onnx.read.OnnxTensor;
import sc.fiji.convnet.onnx.read.ValueInfo;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The ONNX backend test layout ({@code <case>/model.onnx}, {@code <case>/test_data_set_0/input_K.pb} and
 * {@code output_K.pb}): loads the cases and runs them through ONNX Runtime. Outputs are compared as the ONNX backend
 * tests do: {@code |actual - expected| <= atol + rtol·|expected|} with rtol 1e-3, atol 1e-7.
 */
public final class OnnxConformance {

	public static final double RTOL = 1e-3, ATOL = 1e-7;

	private OnnxConformance() {}

	/** One test case: the model read by {@link OnnxReader}, inputs by graph input name, expected outputs in order. */
	public record Case(String name, Path modelFile, OnnxModel model, Map<String, OnnxTensor> inputs, List<OnnxTensor> expected) {}

	/** PASS and FAIL compare outputs; UNSUPPORTED means ONNX Runtime has no kernel for an operator at the model's opset. */
	public enum Status { PASS, FAIL, UNSUPPORTED }

	public record Result(String name, Status status, double maxAbsDiff, String message) {
		public boolean passed() { return status == Status.PASS; }

		@Override
		public String toString() {
			return name + ": " + status + (Double.isNaN(maxAbsDiff) ? "" : " (max |diff| " + maxAbsDiff + ")") + (message.isEmpty() ? "" : " " + message);
		}
	}

	/** Every case folder under {@code dir}, sorted by name. */
	public static List<Path> caseFolders(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> Files.isRegularFile(p.resolve("model.onnx"))).sorted().toList();
		}
	}

	public static Case load(Path folder) throws IOException {
		Path modelFile = folder.resolve("model.onnx");
		OnnxModel model = OnnxReader.read(modelFile);
		Path data = folder.resolve("test_data_set_0");
		List<ValueInfo> runtime = model.graph().runtimeInputs();
		Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
		for (int k = 0; Files.exists(data.resolve("input_" + k + ".pb")); k++) {
			if (k >= runtime.size()) throw new OnnxException(folder + ": input_" + k + ".pb but the graph has only " + runtime.size() + " inputs");
			inputs.put(runtime.get(k).name(), OnnxReader.readTensor(data.resolve("input_" + k + ".pb")));
		}
		List<OnnxTensor> expected = new ArrayList<>();
		for (int k = 0; Files.exists(data.resolve("output_" + k + ".pb")); k++) expected.add(OnnxReader.readTensor(data.resolve("output_" + k + ".pb")));
		return new Case(folder.getFileName().toString(), modelFile, model, inputs, expected);
	}

	/** Runs a case in ONNX Runtime; any failure becomes a failed result with its reason. */
	public static Result runOrt(Case c, SessionCache cache, int threads) {
		try {
			OnnxSession s = cache.get(c.modelFile(), threads);
			Map<String, Tensor> in = new LinkedHashMap<>();
			c.inputs().forEach((k, v) -> in.put(k, v.toTensor()));
			List<Tensor> actual = new ArrayList<>(s.run(in).values());
			return compare(c.name(), actual, c.expected());
		} catch (OnnxException e) {
			if (e.getCause() instanceof OrtException o && o.getCode() == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED)
				return new Result(c.name(), Status.UNSUPPORTED, Double.NaN, "opset " + c.model().opsetVersion() + ": " + o.getMessage());
			return new Result(c.name(), Status.FAIL, Double.NaN, e.getMessage());
		} catch (RuntimeException e) {
			return new Result(c.name(), Status.FAIL, Double.NaN, e.toString());
		}
	}

	/** allclose of each output, with the largest difference seen. */
	public static Result compare(String name, List<Tensor> actual, List<OnnxTensor> expected) {
		if (actual.size() < expected.size())
			return new Result(name, Status.FAIL, Double.NaN, actual.size() + " outputs, " + expected.size() + " expected");
		double maxDiff = 0;
		for (int k = 0; k < expected.size(); k++) {
			Tensor a = actual.get(k);
			OnnxTensor e = expected.get(k);
			if (!Arrays.equals(a.shape(), e.intDims()))
				return new Result(name, Status.FAIL, Double.NaN, "output " + k + " has shape " + a.shapeString() + ", expected " + Arrays.toString(e.dims()));
			double[] want = e.toDoubleArray();
			float[] got = a.data();
			for (int i = 0; i < want.length; i++) {
				double d = Math.abs(got[i] - want[i]);
				if (Double.isNaN(want[i]) != Float.isNaN(got[i]))
					return new Result(name, Status.FAIL, Double.NaN, "output " + k + " NaN mismatch at " + i);
				if (Double.isNaN(d)) continue;
				maxDiff = Math.max(maxDiff, d);
				if (d > ATOL + RTOL * Math.abs(want[i]))
					return new Result(name, Status.FAIL, d, "output " + k + " element " + i + ": " + got[i] + " vs expected " + want[i]);
			}
		}
		return new Result(name, Status.PASS, maxDiff, "");
	}
}
