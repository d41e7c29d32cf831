package sc.fiji.convnet.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.tensor.Tensor;

/**
 * ONNX Runtime alone, run after run on one model's self-check input: the time per run of eight blocks of N runs. A
 * series that slows from block to block shows native memory piling up between garbage collections (BENCHMARKS.md,
 * session 7: 2.8 → 14 ms per run before inputs went through a reused direct buffer).
 * <pre>
 * java ... sc.fiji.convnet.bench.OnnxRunSeriesBenchmark MODEL RUNS_PER_BLOCK THREADS [zoo=../shared/data/onnx-zoo-light]
 * </pre>
 */
public final class OnnxRunSeriesBenchmark {

	private OnnxRunSeriesBenchmark() {}

	public static void main(String[] args) throws Exception {
		Path zoo = Path.of(args.length > 3 ? args[3].replaceFirst("^zoo=", "") : "../shared/data/onnx-zoo-light");
		ModelFiles m = ImportedNetworkBenchmark.model(zoo, args[0]);
		Map<String, Tensor> in = m.checkInput(OnnxReader.read(m.onnx())).tensors();
		int n = Integer.parseInt(args[1]);
		try (OnnxSession ort = OnnxSession.open(m.onnx(), Integer.parseInt(args[2]))) {
			for (int block = 0; block < 8; block++) {
				long t0 = System.nanoTime();
				for (int i = 0; i < n; i++) ort.run(in);
				System.out.printf(Locale.ROOT, "block %d: %.2f ms per run%n", block + 1, (System.nanoTime() - t0) / 1e6 / n);
			}
		}
	}
}
