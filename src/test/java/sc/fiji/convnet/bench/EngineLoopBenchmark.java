package sc.fiji.convnet.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.onnx.imports.ImportedModel;
import sc.fiji.convnet.onnx.read.OnnxModel;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The engine alone on one imported network (BN folded), pass after pass: wall and process CPU time per pass of twelve
 * blocks of N passes, the first of which includes the JIT's warm-up. For A/B runs of a switch in one build, e.g.
 * {@code -Dconvnet.crew=false} (BENCHMARKS.md, session 7).
 * <pre>
 * java --add-modules jdk.incubator.vector -Dconvnet.threads=2 ... sc.fiji.convnet.bench.EngineLoopBenchmark MODEL PASSES_PER_BLOCK [zoo=DIR]
 * </pre>
 */
public final class EngineLoopBenchmark {

	private EngineLoopBenchmark() {}

	public static void main(String[] args) throws Exception {
		Path zoo = Path.of(args.length > 2 ? args[2].replaceFirst("^zoo=", "") : "../shared/data/onnx-zoo-light");
		ModelFiles m = ImportedNetworkBenchmark.model(zoo, args[0]);
		OnnxModel model = OnnxReader.read(m.onnx());
		Map<String, Tensor> in = m.checkInput(model).tensors();
		Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
		in.forEach((k, v) -> shapes.put(k, v.shape()));
		ImportedModel net = ImportedNetworkBenchmark.importFor(model, shapes, true);
		int n = Integer.parseInt(args[1]);
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		for (int block = 0; block < 12; block++) {
			long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
			for (int i = 0; i < n; i++) net.run(in);
			long t1 = System.nanoTime(), c1 = os.getProcessCpuTime();
			System.out.printf(Locale.ROOT, "block %d: %.2f ms per pass, CPU %.2f ms per pass%n", block + 1, (t1 - t0) / 1e6 / n, (c1 - c0) / 1e6 / n);
		}
	}
}
