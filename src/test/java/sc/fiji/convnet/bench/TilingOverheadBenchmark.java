package sc.fiji.convnet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.SessionCache;
import sc.fiji.convnet.predict.OnnxPredictor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.predict.StreamingTiledPredictor;
import sc.fiji.convnet.predict.Tile;
import sc.fiji.convnet.predict.TileGrid;
import sc.fiji.convnet.predict.TiledPredictor;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationModels;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Tiling overhead against one raw ONNX Runtime call on the same pixels, with the shipped nuclei U-Net
 * ({@code models/nuclei}, input 1×1×H×W, H and W multiples of 8, halo 48 from its description) or a toy
 * conv3×3 + sigmoid model (halo 1), all through one {@link OnnxSession} from {@link SessionCache} with the same
 * intra-op threads. Per image size (synthetic nuclei, normalised once as the model describes):
 * <ol>
 * <li>raw: one {@code session.run} on the whole normalised image;</li>
 * <li>in-memory {@link TiledPredictor} with the default tiles (what {@code NucleiSegmenter} runs);</li>
 * <li>{@link StreamingTiledPredictor} with the default tiles (ImgLib2 image in and out);</li>
 * <li>raw calls on exactly the tiles' pixels (one {@code session.run} per tile, halo included): the ORT work the
 * grid cannot avoid — tiled / this is the tiling machinery, this / raw is the halo's share (only with more than one tile);</li>
 * <li>optionally ({@code old=EDGE}) the in-memory tiler with square tiles of that edge, e.g. 512, the old default.</li>
 * </ol>
 * Warm-ups, then repeats rotating through the variants (all see the same background load), medians of the wall
 * time and of the process's CPU time (ORT's threads included; less affected by other jobs on the machine). The
 * tiled outputs are compared with the raw call on every pixel, border included.
 * <p>
 * Arguments: {@code model=models/nuclei|toy sizes=1024x1024,2048x2048,3072x3072 threads=2 warmup=1 repeat=5 batch=4 old=0}
 */
public final class TilingOverheadBenchmark {

	public static void main(String[] args) throws Exception {
		String model = "models/nuclei", sizes = "1024x1024,2048x2048,3072x3072";
		int threads = 2, warmup = 1, repeat = 5, batch = 4, old = 0;
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "model" -> model = kv[1];
			case "sizes" -> sizes = kv[1];
			case "threads" -> threads = Integer.parseInt(kv[1]);
			case "warmup" -> warmup = Integer.parseInt(kv[1]);
			case "repeat" -> repeat = Integer.parseInt(kv[1]);
			case "batch" -> batch = Integer.parseInt(kv[1]);
			case "old" -> old = Integer.parseInt(kv[1]);
			default -> throw new IllegalArgumentException("TilingOverheadBenchmark: unknown argument " + a);
			}
		}
		Path toyFile = null;
		OnnxPredictor predictor;
		OnnxSession session;
		SegmentationModel nuclei = null;
		if (model.equals("toy")) {
			toyFile = BenchModels.convSigmoid(Files.createTempFile("overhead", ".onnx"), 0);
			session = SessionCache.shared().get(toyFile, threads);
			predictor = new OnnxPredictor(session, 1, 1);
		} else {
			nuclei = SegmentationModels.load(model);
			Path weights = Path.of(model).resolve("model.onnx");
			session = SessionCache.shared().get(weights, threads);
			predictor = new OnnxPredictor(session, nuclei.predictor().sizeMultiple(), nuclei.predictor().halo());
		}
		System.out.printf(Locale.ROOT, "model %s (size multiple %d, halo %d), ORT intra-op threads %d, tile budget %d px, %d warm-up + %d repeats (median)%n",
				predictor.describe(), predictor.sizeMultiple(), predictor.halo(), threads, predictor.tilePixels(), warmup, repeat);
		try {
			for (String size : sizes.split(",")) {
				String[] wh = size.split("x");
				run(session, predictor, nuclei, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), batch, old, warmup, repeat);
			}
		} finally {
			SessionCache.shared().close();
			if (toyFile != null) Files.deleteIfExists(toyFile);
		}
	}

	private static void run(OnnxSession session, OnnxPredictor predictor, SegmentationModel nuclei, int w, int h, int batch, int old, int warmup,
			int repeat) {
		if (w % predictor.sizeMultiple() != 0 || h % predictor.sizeMultiple() != 0)
			throw new IllegalArgumentException("TilingOverheadBenchmark: " + w + "×" + h + " is not a multiple of " + predictor.sizeMultiple()
					+ " (the raw call takes the image as it is)");
		float[] raw = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) raw[y * w + x] = SyntheticNuclei.value(x, y);
		Tensor whole = new Tensor(raw, 1, 1, h, w);
		whole = nuclei != null ? nuclei.preprocess(whole) : scaled(whole, 1e-3f);
		Tensor image = whole;
		int k = session.run(new Tensor(new float[64 * 64 * 1], 1, 1, 64, 64)).c();

		TiledPredictor inMemory = new TiledPredictor(predictor);
		TileGrid grid = inMemory.grid(w, h);
		StreamingTiledPredictor streaming = StreamingTiledPredictor.builder(predictor).batchSize(batch).build();
		ArrayImg<FloatType, FloatArray> input = ArrayImgs.floats(image.data(), w, h);
		ArrayImg<FloatType, FloatArray> output = ArrayImgs.floats(w, h, k);
		List<Tensor> tiles = new ArrayList<>();
		if (grid.count() > 1)
			for (long i = 0; i < grid.count(); i++) tiles.add(crop(image, grid.tile(i)));

		List<String> names = new ArrayList<>();
		List<Runnable> runs = new ArrayList<>();
		names.add("one raw ORT call, whole image");
		runs.add(() -> session.run(image));
		names.add("TiledPredictor (in-memory, NucleiSegmenter's path)");
		runs.add(() -> inMemory.predict(image, Progress.NONE));
		names.add("StreamingTiledPredictor (ImgLib2 → ImgLib2)");
		runs.add(() -> streaming.predict(input, output, Progress.NONE));
		if (!tiles.isEmpty()) {
			names.add("raw ORT calls on the tiles' pixels (" + tiles.size() + " calls, halo included)");
			runs.add(() -> { for (Tensor t : tiles) session.run(t); });
		}
		TiledPredictor oldTiler = old > 0 ? new TiledPredictor(predictor, old, predictor.halo()) : null;
		if (oldTiler != null) {
			names.add("TiledPredictor, square tiles ≤ " + old + " (" + oldTiler.grid(w, h).count() + " tiles)");
			runs.add(() -> oldTiler.predict(image, Progress.NONE));
		}
		for (int i = 0; i < warmup; i++) for (Runnable r : runs) r.run();
		double[][] ms = new double[runs.size()][repeat], cpu = new double[runs.size()][repeat];
		for (int i = 0; i < repeat; i++)
			for (int v = 0; v < runs.size(); v++) {
				long c0 = processCpuNanos(), t0 = System.nanoTime();
				runs.get(v).run();
				ms[v][i] = (System.nanoTime() - t0) / 1e6;
				cpu[v][i] = (processCpuNanos() - c0) / 1e6;
			}

		// every pixel, border included: tiled and streamed against the raw whole-image call
		float[] a = session.run(image).data(), b = inMemory.predict(image, Progress.NONE).data();
		streaming.predict(input, output, Progress.NONE);
		float[] c = output.update(null).getCurrentStorageArray();
		double diffTiled = 0, diffStreamed = 0, maxAbs = 0;
		for (int i = 0; i < a.length; i++) {
			diffTiled = Math.max(diffTiled, Math.abs(a[i] - b[i]));
			diffStreamed = Math.max(diffStreamed, Math.abs(a[i] - c[i]));
			maxAbs = Math.max(maxAbs, Math.abs(a[i]));
		}

		System.out.printf(Locale.ROOT, "%n%d×%d: %s, tiles hold %.3f× the image's pixels; load average %s%n%n", w, h, grid,
				grid.inputPixels() / ((double) w * h), loadAverage());
		System.out.println("| variant | median ms | min ms | vs one raw call | median CPU ms (process) | CPU vs raw |");
		System.out.println("|---|---:|---:|---:|---:|---:|");
		double base = median(ms[0]), baseCpu = median(cpu[0]);
		for (int v = 0; v < runs.size(); v++)
			System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.3f | %.0f | %.3f |%n", names.get(v), median(ms[v]), Arrays.stream(ms[v]).min().getAsDouble(),
					median(ms[v]) / base, median(cpu[v]), median(cpu[v]) / baseCpu);
		if (!tiles.isEmpty())
			System.out.printf(Locale.ROOT, "%nmachinery (tiled / raw calls on the tiles' pixels): in-memory %+.1f %%, streaming %+.1f %%; halo share (raw on tiles / raw whole) %+.1f %%%n",
					100 * (median(ms[1]) / median(ms[3]) - 1), 100 * (median(ms[2]) / median(ms[3]) - 1), 100 * (median(ms[3]) / base - 1));
		System.out.printf(Locale.ROOT, "max |tiled − raw| = %.2e, max |streamed − raw| = %.2e (outputs up to %.1f)%n", diffTiled, diffStreamed, maxAbs);
	}

	/** The tile's window of a 1×1×H×W image (windows lie inside the image when H and W are multiples of the size multiple). */
	private static Tensor crop(Tensor image, Tile t) {
		int w = image.w(), tw = t.inputWidth(), th = t.inputHeight();
		float[] d = new float[tw * th];
		for (int y = 0; y < th; y++) System.arraycopy(image.data(), (int) ((t.inputY() + y) * w + t.inputX()), d, y * tw, tw);
		return new Tensor(d, 1, 1, th, tw);
	}

	private static Tensor scaled(Tensor t, float f) {
		float[] d = t.data().clone();
		for (int i = 0; i < d.length; i++) d[i] *= f;
		return new Tensor(d, t.shape());
	}

	/** CPU time of the whole process (all threads, ORT's native ones included): less sensitive to other jobs than wall time. */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/** The 1-, 5- and 15-minute load averages (other work on the machine). */
	private static String loadAverage() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return f[0] + " " + f[1] + " " + f[2];
		} catch (Exception e) {
			return "unknown";
		}
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}
}
