package sc.fiji.convnet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.SessionCache;
import sc.fiji.convnet.predict.OnnxPredictor;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.predict.StreamingTiledPredictor;
import sc.fiji.convnet.predict.TileGrid;
import sc.fiji.convnet.predict.TiledPredictor;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Tiling overhead: the same (already normalised) 2048×2048 pixels through the same ONNX model and session,
 * (1) as one raw ONNX Runtime call on the whole image, (2) through {@link StreamingTiledPredictor} (ImgLib2
 * image in, ImgLib2 image out, tiles batched), (3) through the in-memory {@link TiledPredictor}, and (4) one
 * raw call on a batch holding exactly the tiles' pixels (halo included) — the ORT work tiling cannot avoid,
 * so (2)/(4) is the cost of the tiling machinery itself and (4)/(1) the cost of the halo. Warm-up runs, then
 * repeats in rotation (all variants see the same background load), medians.
 * <p>
 * Arguments: {@code size=2048 tile=512 halo=32 batch=4 threads=2 hidden=0 warmup=3 repeat=9}
 * ({@code hidden>0}: conv–ReLU–conv model with that many hidden channels instead of one 3×3 conv)
 */
public final class TilingOverheadBenchmark {

	public static void main(String[] args) throws Exception {
		int size = 2048, tile = 512, halo = 32, batch = 4, threads = 2, hidden = 0, warmup = 3, repeat = 9;
		for (String a : args) {
			String[] kv = a.split("=", 2);
			int v = Integer.parseInt(kv[1]);
			switch (kv[0]) {
			case "size" -> size = v;
			case "tile" -> tile = v;
			case "halo" -> halo = v;
			case "batch" -> batch = v;
			case "threads" -> threads = v;
			case "hidden" -> hidden = v;
			case "warmup" -> warmup = v;
			case "repeat" -> repeat = v;
			default -> throw new IllegalArgumentException("TilingOverheadBenchmark: unknown argument " + a);
			}
		}
		Path model = BenchModels.convSigmoid(Files.createTempFile("overhead", ".onnx"), hidden);
		try {
			OnnxSession session = SessionCache.shared().get(model, threads);
			OnnxPredictor predictor = new OnnxPredictor(session, 1, halo);
			float[] pixels = new float[size * size];
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++) pixels[y * size + x] = SyntheticNuclei.value(x, y) / 1000f;
			Tensor whole = new Tensor(pixels, 1, 1, size, size);
			Img<FloatType> input = ArrayImgs.floats(pixels, size, size);
			net.imglib2.img.array.ArrayImg<FloatType, net.imglib2.img.basictypeaccess.array.FloatArray> output = ArrayImgs.floats(size, size);
			StreamingTiledPredictor streaming = StreamingTiledPredictor.builder(predictor).tileSize(tile).halo(halo).batchSize(batch).build();
			StreamingTiledPredictor single = StreamingTiledPredictor.builder(predictor).tileSize(tile).halo(halo).batchSize(1).build();
			TiledPredictor inMemory = new TiledPredictor(predictor, tile, halo);
			TileGrid grid = streaming.grid(input);
			int n = (int) grid.count();
			Tensor sameTiles = new Tensor(new float[n * grid.inputWidth() * grid.inputHeight()], n, 1, grid.inputHeight(), grid.inputWidth());

			String[] names = { "one raw ORT call, whole image", "StreamingTiledPredictor (ImgLib2 → ImgLib2, batch " + streaming.batchSize() + ")",
					"TiledPredictor (in-memory tensor, 1 tile per call)", "one raw ORT call on the tiles' pixels (" + n + " tiles, halo included)",
					"StreamingTiledPredictor, batch 1" };
			@SuppressWarnings("unchecked")
			Supplier<Object>[] runs = new Supplier[] { () -> session.run(whole), () -> streaming.predict(input, output, Progress.NONE),
					() -> inMemory.predict(whole, Progress.NONE), () -> session.run(sameTiles),
					() -> single.predict(input, output, Progress.NONE) };
			for (int w = 0; w < warmup; w++) for (Supplier<Object> r : runs) r.get();
			double[][] ms = new double[runs.length][repeat];
			for (int i = 0; i < repeat; i++)
				for (int k = 0; k < runs.length; k++) {
					long t0 = System.nanoTime();
					runs[k].get();
					ms[k][i] = (System.nanoTime() - t0) / 1e6;
				}
			// the tiled output must equal the whole-image call (seam check, outside the timing) away from the image border,
			// where the raw call pads with zeros and tiling mirrors
			streaming.predict(input, output, Progress.NONE);
			float[] a = session.run(whole).data(), b = output.update(null).getCurrentStorageArray();
			double maxDiff = 0;
			for (int y = 4; y < size - 4; y++)
				for (int x = 4; x < size - 4; x++) maxDiff = Math.max(maxDiff, Math.abs(a[y * size + x] - b[y * size + x]));

			System.out.printf(Locale.ROOT, "%d×%d px, tile %d, halo %d (grid %s), model %s, ORT intra-op threads %d, %d repeats (median)%n%n", size, size, tile,
					halo, grid, hidden > 0 ? "conv3×3 1→" + hidden + ", ReLU, conv3×3 " + hidden + "→1, sigmoid" : "conv3×3 + sigmoid", threads, repeat);
			System.out.println("| variant | median ms | min ms | vs one raw call |");
			System.out.println("|---|---:|---:|---:|");
			double base = median(ms[0]);
			for (int k = 0; k < runs.length; k++)
				System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.3f |%n", names[k], median(ms[k]), Arrays.stream(ms[k]).min().getAsDouble(), median(ms[k]) / base);
			StreamingTiledPredictor serial = StreamingTiledPredictor.builder(predictor).tileSize(tile).halo(halo).batchSize(batch).pipelined(false).build();
			StreamingTiledPredictor.Report rep = null;
			for (int i = 0; i < 3; i++) rep = serial.predict(input, output, Progress.NONE);
			System.out.printf(Locale.ROOT, "%nwhere the streaming time goes (one run on the calling thread only): read + copy %.1f ms, ORT %.1f ms, write %.1f ms%n",
					rep.readNanos() / 1e6, rep.predictNanos() / 1e6, rep.writeNanos() / 1e6);
			System.out.printf(Locale.ROOT, "%nmachinery overhead (streaming / raw call on the same tile pixels): %.1f %%; halo cost (tile pixels / whole image): %.1f %%; "
					+ "max |tiled − whole| = %.2e%n", 100 * (median(ms[1]) / median(ms[3]) - 1), 100 * (median(ms[3]) / base - 1), maxDiff);
		} finally {
			SessionCache.shared().close();
			Files.deleteIfExists(model);
		}
	}

	private static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s[s.length / 2];
	}
}
