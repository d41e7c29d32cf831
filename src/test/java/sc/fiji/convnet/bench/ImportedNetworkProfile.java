package sc.fiji.convnet.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.onnx.imports.ImportedModel;
import sc.fiji.convnet.onnx.imports.OnnxImporter;
import sc.fiji.convnet.onnx.read.OnnxModel;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Where an imported network's forward time goes: every layer timed on its own (as {@link Network#forward} runs them,
 * inference phase), summed per layer type (convolutions split by kernel size). Each layer's time is its fastest over
 * the runs: on a machine shared with other jobs the median mostly measures how often the process was descheduled.
 * <pre>
 * java ... sc.fiji.convnet.bench.ImportedNetworkProfile [threads=2] [repeat=5] [fold=false] light_resnet50 ...
 * </pre>
 * A name is an onnx-zoo-light network ({@code light_…}) or a shipped model.
 */
public final class ImportedNetworkProfile {

	private ImportedNetworkProfile() {}

	public static void main(String[] args) throws Exception {
		int threads = 2, rep = 5, top = 0;
		boolean fold = false;
		Path zoo = Path.of("../shared/data/onnx-zoo-light");
		java.util.List<String> names = new java.util.ArrayList<>();
		for (String a : args) {
			String[] kv = a.split("=", 2);
			if (kv.length == 1) { names.add(a); continue; }
			switch (kv[0]) {
			case "threads" -> threads = Integer.parseInt(kv[1]);
			case "repeat" -> rep = Integer.parseInt(kv[1]);
			case "top" -> top = Integer.parseInt(kv[1]);
			case "fold" -> fold = Boolean.parseBoolean(kv[1]);
			case "zoo" -> zoo = Path.of(kv[1]);
			default -> throw new IllegalArgumentException("unknown option " + a);
			}
		}
		System.setProperty("convnet.threads", String.valueOf(threads));
		final int repeat = rep;
		final boolean folded = fold;
		for (String name : names) {
			ModelFiles m = ImportedNetworkBenchmark.model(zoo, name);
			OnnxModel model = OnnxReader.read(m.onnx());
			Map<String, Tensor> in = m.checkInput(model).tensors();
			Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
			in.forEach((k, v) -> shapes.put(k, v.shape()));
			ImportedModel imported = ImportedNetworkBenchmark.importFor(model, shapes, fold);
			Network net = imported.network();
			Tensor x = in.values().iterator().next();
			Tensor x4 = x.reshape(net.shapes(engineShape(x.shape()))[0]);
			int layers = net.layers().size();
			double[][] times = new double[repeat][layers];
			for (int r = -2; r < repeat; r++) { // two warm-up runs
				Tensor[] v = new Tensor[layers + 1];
				v[0] = x4;
				for (int k = 1; k <= layers; k++) {
					int[] from = net.inputsOf(k);
					Tensor[] a = new Tensor[from.length];
					for (int j = 0; j < from.length; j++) a[j] = v[from[j]];
					long t0 = System.nanoTime();
					v[k] = net.layers().get(k - 1).forward(a, Phase.INFERENCE);
					if (r >= 0) times[r][k - 1] = (System.nanoTime() - t0) * 1e-6;
				}
			}
			Map<String, double[]> byKind = new TreeMap<>();
			double[] total = new double[repeat];
			for (int k = 0; k < layers; k++) {
				String kind = kind(net.layers().get(k));
				double[] t = byKind.computeIfAbsent(kind, s -> new double[repeat + 1]);
				for (int r = 0; r < repeat; r++) { t[r] += times[r][k]; total[r] += times[r][k]; }
				t[repeat]++;
			}
			final double sum = fastest(total);
			System.out.printf(Locale.ROOT, "%s (%s, %d layers): %.1f ms per forward (fastest of %d runs; per type and layer, their fastest too)%n", name, folded ? "BN folded" : "as imported", layers, sum, repeat);
			byKind.entrySet().stream().sorted((p, q) -> Double.compare(fastest(q.getValue(), repeat), fastest(p.getValue(), repeat))).forEach(e -> {
				double t = fastest(e.getValue(), repeat);
				System.out.printf(Locale.ROOT, "  %-28s %4d layers %8.1f ms %5.1f %%%n", e.getKey(), (int) e.getValue()[repeat], t, 100 * t / sum);
			});
			int[][] nodeShapes = net.shapes(x4.shape());
			Integer[] order = new Integer[layers];
			double[] best = new double[layers];
			for (int k = 0; k < layers; k++) {
				double[] t = new double[repeat];
				for (int r = 0; r < repeat; r++) t[r] = times[r][k];
				best[k] = fastest(t);
				order[k] = k;
			}
			java.util.Arrays.sort(order, (p, q) -> Double.compare(best[q], best[p]));
			for (int i = 0; i < Math.min(top, layers); i++) {
				int k = order[i];
				System.out.printf(Locale.ROOT, "    %-40s %-16s in %s out %s %.2f ms%n", net.layers().get(k).name(), kind(net.layers().get(k)),
						java.util.Arrays.toString(nodeShapes[net.inputsOf(k + 1)[0]]), java.util.Arrays.toString(nodeShapes[k + 1]), best[k]);
			}
		}
	}

	private static int[] engineShape(int[] s) {
		if (s.length == 4) return s;
		int rest = 1;
		for (int i = 2; i < s.length; i++) rest *= s[i];
		return new int[] { s[0], s[1], 1, rest };
	}

	/** The layer type; convolutions with their kernel size, so that 1×1 and larger kernels show apart. */
	private static String kind(Layer l) {
		if (!l.type().equals("Conv2d")) return l.type();
		var k = l.config().getAsJsonArray("kernel");
		var s = l.config().getAsJsonArray("stride");
		return "Conv2d " + k.get(0) + "×" + k.get(1) + (s.get(0).getAsInt() > 1 ? " /" + s.get(0) : "");
	}

	private static double fastest(double[] t) { return fastest(t, t.length); }

	/** The fastest of the first n runs. */
	private static double fastest(double[] t, int n) {
		double m = Double.MAX_VALUE;
		for (int i = 0; i < n; i++) m = Math.min(m, t[i]);
		return m;
	}
}
