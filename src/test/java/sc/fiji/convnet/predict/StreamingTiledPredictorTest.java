package sc.fiji.convnet.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.model.transform.ScaleRange;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The cell-image path must give what the in-memory {@link TiledPredictor} gives on the same pixels
 * (a U-Net of depth 2 whose receptive field is far larger than a tile's border; odd sizes; other tile
 * sizes and another tile layout), within 1e-5.
 */
class StreamingTiledPredictorTest {

	private static Network unet(int inChannels) {
		return UNet.builder().inChannels(inChannels).classes(2).depth(2).baseWidth(4).seed(7).build();
	}

	/** Random 16-bit pixels in a cell image whose cells do not line up with the tiles. */
	private static Img<UnsignedShortType> cellInput(int w, int h, int c, long seed) {
		Img<UnsignedShortType> img = new CellImgFactory<>(new UnsignedShortType(), 17, 23, 1).create(w, h, c);
		SplittableRandom rng = new SplittableRandom(seed);
		for (UnsignedShortType t : img) t.set(100 + rng.nextInt(4000));
		return img;
	}

	/** The same pixels as a 1×C×H×W tensor. */
	private static Tensor toTensor(RandomAccessibleInterval<? extends net.imglib2.type.numeric.RealType<?>> img) {
		int w = (int) img.dimension(0), h = (int) img.dimension(1), c = (int) img.dimension(2);
		float[] d = new float[c * h * w];
		RandomAccess<? extends net.imglib2.type.numeric.RealType<?>> ra = img.randomAccess();
		for (int k = 0; k < c; k++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) d[(k * h + y) * w + x] = ra.setPositionAndGet(x, y, k).getRealFloat();
		return new Tensor(d, 1, c, h, w);
	}

	private static void assertSame(Tensor expected, RandomAccessibleInterval<FloatType> out, long x0, long y0) {
		int k = expected.c(), h = expected.h(), w = expected.w();
		RandomAccess<FloatType> ra = out.randomAccess();
		double maxDiff = 0, maxAbs = 0;
		for (int c = 0; c < k; c++)
			for (long y = out.min(1); y <= out.max(1); y++)
				for (long x = out.min(0); x <= out.max(0); x++) {
					float e = expected.get(0, c, (int) (y - y0), (int) (x - x0));
					maxDiff = Math.max(maxDiff, Math.abs(e - ra.setPositionAndGet(x, y, c).get()));
					maxAbs = Math.max(maxAbs, Math.abs(e));
				}
		assertTrue(maxAbs > 0 && w * h > 0);
		assertTrue(maxDiff <= 1e-5 * Math.max(1, maxAbs), "max difference " + maxDiff + " (values up to " + maxAbs + ")");
	}

	@ParameterizedTest
	@CsvSource({ "97, 131, 64, 3, true", "200, 75, 72, 1, false", "33, 47, 48, 2, true", "131, 97, 100, 5, true" })
	void cellImageEqualsInMemoryTiling(int h, int w, int tile, int batch, boolean pipelined) {
		EnginePredictor predictor = new EnginePredictor(unet(1), "test");
		Img<UnsignedShortType> input = cellInput(w, h, 1, h * 31L + w);
		// whole-image statistics: the sample is every pixel here (s = 1), so ScaleRange on the tensor is the reference
		SampledPercentiles stats = SampledPercentiles.of(input);
		assertEquals(1, stats.stride());
		Tensor normalized = new ScaleRange(List.of("y", "x"), 1, 99.8, 1e-6).apply(toTensor(input), List.of("b", "c", "y", "x"));
		int halo = predictor.halo();
		Tensor expected = new TiledPredictor(predictor, Math.max(tile, 2 * halo + 8), halo).predict(normalized, Progress.NONE);

		Img<FloatType> output = new CellImgFactory<>(new FloatType(), 19, 13, 1).create(w, h, 2);
		StreamingTiledPredictor streaming = StreamingTiledPredictor.builder(predictor).tileSize(Math.max(tile, 2 * halo + 8) + 8)
				.batchSize(batch).pipelined(pipelined)
				.normalizer(FittedPreprocessing.of(List.of(new ScaleRange(List.of("y", "x"), 1, 99.8, 1e-6)), List.of("b", "c", "y", "x"), stats))
				.build();
		StreamingTiledPredictor.Report report = streaming.predict(input, output, Progress.NONE);
		assertEquals(streaming.grid(input).count(), report.tiles());
		assertEquals((report.tiles() + batch - 1) / batch, report.batches());
		assertSame(expected, output, 0, 0);
	}

	@Test
	void twoInputChannelsAndAnOutputRegion() {
		int w = 90, h = 77;
		EnginePredictor predictor = new EnginePredictor(unet(2), "test");
		Img<UnsignedShortType> input = cellInput(w, h, 2, 5);
		Tensor whole = new TiledPredictor(predictor, 4 * w + 2 * predictor.halo(), predictor.halo()).predict(toTensor(input), Progress.NONE);
		// only a region of the output, not at the origin: the grid stays anchored at the input's minimum
		Img<FloatType> region = ArrayImgs.floats(31, 22, 2);
		RandomAccessibleInterval<FloatType> placed = Views.translate(region, 50, 40, 0);
		StreamingTiledPredictor.builder(predictor).tileSize(48 + 2 * predictor.halo()).batchSize(4).build().predict(input, placed, Progress.NONE);
		assertSame(whole, placed, 0, 0);
	}

	@Test
	void oneOutputChannelIntoATwoDimensionalImage() {
		int w = 61, h = 45;
		EnginePredictor predictor = new EnginePredictor(UNet.builder().inChannels(1).classes(1).depth(2).baseWidth(4).seed(3).build(), "test");
		Img<UnsignedShortType> input = cellInput(w, h, 1, 9);
		Tensor whole = new TiledPredictor(predictor, 4 * w + 2 * predictor.halo(), predictor.halo()).predict(toTensor(input), Progress.NONE);
		Img<FloatType> output = new CellImgFactory<>(new FloatType(), 16, 16).create(w, h);
		StreamingTiledPredictor.builder(predictor).tileSize(32 + 2 * predictor.halo()).batchSize(2).build()
				.predict(Views.hyperSlice(input, 2, 0), output, Progress.NONE);
		assertSame(whole, Views.addDimension(output, 0, 0), 0, 0);
	}

	@Test
	void floatArrayImagesTakeTheRowCopyPathWithTheSameResult() {
		int w = 83, h = 70;
		EnginePredictor predictor = new EnginePredictor(unet(2), "test");
		Img<UnsignedShortType> cells = cellInput(w, h, 2, 12);
		Img<FloatType> array = ArrayImgs.floats(w, h, 2);
		net.imglib2.loops.LoopBuilder.setImages(cells, array).forEachPixel((a, b) -> b.setReal(a.getRealFloat()));
		Tensor whole = new TiledPredictor(predictor, 4 * w + 2 * predictor.halo(), predictor.halo()).predict(toTensor(cells), Progress.NONE);
		Img<FloatType> out = ArrayImgs.floats(w, h, 2);
		StreamingTiledPredictor.builder(predictor).tileSize(40 + 2 * predictor.halo()).batchSize(3).build().predict(array, out, Progress.NONE);
		assertSame(whole, out, 0, 0);
	}

	@Test
	void mirrorMatchesTheInMemoryTiler() {
		for (int n : new int[] { 1, 2, 3, 7, 50 })
			for (int i = -200; i < 250; i++) assertEquals(TiledPredictor.mirror(i, n), TileReader.mirror(i, n), "mirror(" + i + ", " + n + ")");
		// far outside and past 2^31: still a reflection with period 2(n − 1)
		long big = 50_000L * 50_000L;
		assertEquals(TileReader.mirror(big % 99_998, 50_000), TileReader.mirror(big, 50_000));
		assertEquals(49_998, TileReader.mirror(50_000, 50_000));
	}

	@Test
	void fittedPreprocessingOfTwoChannelsRefused() {
		Img<UnsignedShortType> input = cellInput(20, 20, 2, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> FittedPreprocessing.of(List.of(new ScaleRange(List.of("x", "y"), 1, 99, 1e-6)), List.of("b", "c", "y", "x"), SampledPercentiles.of(input)));
		assertTrue(e.getMessage().contains("one channel only") && e.getMessage().contains("has 2"), e.getMessage());
	}

	@Test
	void wrongOutputChannelsNamed() {
		EnginePredictor predictor = new EnginePredictor(unet(1), "test");
		Img<UnsignedShortType> input = cellInput(40, 40, 1, 1);
		Img<FloatType> output = ArrayImgs.floats(40, 40, 3);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> StreamingTiledPredictor.builder(predictor).build().predict(input, output, Progress.NONE));
		assertTrue(e.getMessage().contains("2 output channels") && e.getMessage().contains("has 3"), e.getMessage());
		Img<FloatType> outside = ArrayImgs.floats(41, 40, 2);
		e = assertThrows(IllegalArgumentException.class,
				() -> StreamingTiledPredictor.builder(predictor).build().predict(input, outside, Progress.NONE));
		assertTrue(e.getMessage().contains("not inside the image"), e.getMessage());
	}

	@Test
	void cancelStopsBetweenBatches() {
		EnginePredictor predictor = new EnginePredictor(unet(1), "test");
		Img<UnsignedShortType> input = cellInput(200, 200, 1, 1);
		Img<FloatType> output = ArrayImgs.floats(200, 200, 2);
		int[] calls = { 0 };
		Progress cancelAfterOne = new Progress() {
			@Override public void update(int done, int total) { calls[0]++; }
			@Override public boolean cancelled() { return calls[0] >= 1; }
		};
		assertThrows(CancelledException.class, () -> StreamingTiledPredictor.builder(predictor).tileSize(64 + 2 * predictor.halo()).batchSize(1)
				.build().predict(input, output, cancelAfterOne));
		assertEquals(1, calls[0]);
		assertArrayEquals(new long[] { 200, 200, 2 }, output.dimensionsAsLongArray());
	}
}
