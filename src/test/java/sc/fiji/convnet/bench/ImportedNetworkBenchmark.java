package sc.fiji.convnet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.imports.ImportedModel;
import sc.fiji.convnet.onnx.imports.OnnxImporter;
import sc.fiji.convnet.onnx.read.OnnxModel;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Whole imported networks on the engine against ONNX Runtime, same process, same thread count, batch 1: the four
 * onnx-zoo-light networks and the three shipped models, each on its self-check input ({@link ModelFiles#checkInput}),
 * one warm-up run each, then 5 samples taken alternately (ORT, engine, …); medians of wall time and of process CPU.
 * <pre>
 * java ... sc.fiji.convnet.bench.ImportedNetworkBenchmark [threads=2] [repeat=5] [zoo=../shared/data/onnx-zoo-light]
 * </pre>
 */
public final class ImportedNetworkBenchmark {

	private ImportedNetworkBenchmark() {}

	public static void main(String[] args) throws Exception {
		int threads = 2, repeat = 5;
		Path zoo = Path.of("../shared/data/onnx-zoo-light");
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "threads" -> threads = Integer.parseInt(kv[1]);
			case "repeat" -> repeat = Integer.parseInt(kv[1]);
			case "zoo" -> zoo = Path.of(kv[1]);
			default -> throw new IllegalArgumentException("unknown option " + a);
			}
		}
		System.setProperty("convnet.threads", String.valueOf(threads)); // the engine's kernels
		List<ModelFiles> models = new ArrayList<>();
		for (String n : List.of("bvlc_alexnet", "inception_v1", "resnet50", "squeezenet")) models.add(ModelFiles.at(zoo.resolve("light_" + n + ".onnx")));
		for (String n : List.of("nuclei", "bccd-classifier", "bccd-detector")) models.add(ModelRepository.standard().resolve(n));
		System.out.println("| model | input | ORT ms | engine ms | engine/ORT (wall) | ORT CPU-ms | engine CPU-ms | engine/ORT (CPU) |");
		System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
		for (ModelFiles m : models) {
			OnnxModel model = OnnxReader.read(m.onnx());
			Map<String, Tensor> in = m.checkInput(model).tensors();
			Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
			in.forEach((k, v) -> shapes.put(k, v.shape()));
			ImportedModel engine = OnnxImporter.fromModel(model, shapes, null);
			try (OnnxSession ort = OnnxSession.open(m.onnx(), threads)) {
				double[] t = ConvBenchmark.timeAlternating(() -> ort.run(in), () -> engine.run(in), 1, repeat);
				System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f× | %.1f | %.1f | %.2f× |%n", m.name(),
						java.util.Arrays.toString(in.values().iterator().next().shape()), t[0] * 1e3, t[1] * 1e3, t[1] / t[0], t[2] * 1e3, t[3] * 1e3,
						t[3] / t[2]);
			}
		}
	}
}
