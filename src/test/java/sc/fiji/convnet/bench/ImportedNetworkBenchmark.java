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
 * {@code warmup} runs each (100: C2 needs many passes before every kernel is compiled; with 5, SqueezeNet measured
 * 12–28 ms per pass from one JVM to the next against 9–10 ms warm, and with one, ResNet-50 84–182 ms), then {@code repeat} samples taken alternately (ORT, engine, …); medians of wall time and of process CPU.
 * <pre>
 * java ... sc.fiji.convnet.bench.ImportedNetworkBenchmark [threads=2] [repeat=5] [warmup=100] [zoo=../shared/data/onnx-zoo-light]
 *     [only=light_resnet50,nuclei] [fold=true]
 * </pre>
 * {@code fold=true} imports with {@link OnnxImporter#forInference} (batch normalization folded into convolutions), as
 * an inference-only caller would; {@code fold=false} as {@link OnnxImporter#fromModel(OnnxModel, Map, List)}.
 */
public final class ImportedNetworkBenchmark {

	private ImportedNetworkBenchmark() {}

	static final List<String> NAMES = List.of("light_bvlc_alexnet", "light_inception_v1", "light_resnet50", "light_squeezenet",
			"nuclei", "bccd-classifier", "bccd-detector");

	/** A network of the zoo folder ({@code light_…}) or a shipped model. */
	static ModelFiles model(Path zoo, String name) {
		return name.startsWith("light_") ? ModelFiles.at(zoo.resolve(name + ".onnx")) : ModelRepository.standard().resolve(name);
	}

	static ImportedModel importFor(OnnxModel model, Map<String, int[]> shapes, boolean fold) {
		return fold ? OnnxImporter.forInference(model, shapes, null) : OnnxImporter.fromModel(model, shapes, null);
	}

	public static void main(String[] args) throws Exception {
		int threads = 2, repeat = 5, warmup = 100;
		boolean fold = true;
		List<String> only = null;
		Path zoo = Path.of("../shared/data/onnx-zoo-light");
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "threads" -> threads = Integer.parseInt(kv[1]);
			case "repeat" -> repeat = Integer.parseInt(kv[1]);
			case "warmup" -> warmup = Integer.parseInt(kv[1]);
			case "zoo" -> zoo = Path.of(kv[1]);
			case "fold" -> fold = Boolean.parseBoolean(kv[1]);
			case "only" -> only = List.of(kv[1].split(","));
			default -> throw new IllegalArgumentException("unknown option " + a);
			}
		}
		System.setProperty("convnet.threads", String.valueOf(threads)); // the engine's kernels
		List<ModelFiles> models = new ArrayList<>();
		for (String n : only != null ? only : NAMES) models.add(model(zoo, n));
		System.out.println("| model | input | ORT ms | engine ms | engine/ORT (wall) | ORT CPU-ms | engine CPU-ms | engine/ORT (CPU) |");
		System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
		for (ModelFiles m : models) {
			OnnxModel model = OnnxReader.read(m.onnx());
			Map<String, Tensor> in = m.checkInput(model).tensors();
			Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
			in.forEach((k, v) -> shapes.put(k, v.shape()));
			ImportedModel engine = importFor(model, shapes, fold);
			try (OnnxSession ort = OnnxSession.open(m.onnx(), threads)) {
				double[] t = ConvBenchmark.timeAlternating(() -> ort.run(in), () -> engine.run(in), warmup, repeat);
				System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f× | %.1f | %.1f | %.2f× |%n", m.name(),
						java.util.Arrays.toString(in.values().iterator().next().shape()), t[0] * 1e3, t[1] * 1e3, t[1] / t[0], t[2] * 1e3, t[3] * 1e3,
						t[3] / t[2]);
			}
		}
	}
}
