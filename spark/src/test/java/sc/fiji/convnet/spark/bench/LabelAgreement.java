package sc.fiji.convnet.spark.bench;

import java.io.IOException;
import java.util.Locale;

import sc.fiji.convnet.segment.LabelImage;
import sc.fiji.convnet.segment.SegmentationMetrics;
import sc.fiji.convnet.spark.zarr.ZarrPlane;

/**
 * The one-machine labels (an int array, x fastest) against the Spark job's Zarr labels, read chunk by chunk so
 * that the second image is never whole in memory. Identical ids are expected; only when some pixel differs is the
 * Zarr image read whole for AP (another 4 bytes a pixel).
 */
record LabelAgreement(long pixels, long differing, double ap50, double ap95) {

	/** Ids above 2^24 do not survive {@link ZarrPlane#readChunk}'s floats exactly; the strip has some 10^5. */
	private static final long EXACT_IN_FLOAT = 1L << 24;

	static LabelAgreement of(int[] expected, int width, int height, ZarrPlane actual, long objects) throws IOException {
		if (objects >= EXACT_IN_FLOAT) throw new IllegalArgumentException(objects + " objects: ids read as floats would not be exact");
		if (actual.width() != width || actual.height() != height)
			throw new IllegalStateException("Spark labels are " + actual.width() + " × " + actual.height() + ", expected " + width + " × " + height);
		int cw = actual.chunkWidth(), ch = actual.chunkHeight();
		long differing = 0;
		for (long r = 0; r < actual.chunkRows(); r++)
			for (long c = 0; c < actual.chunkColumns(); c++) {
				float[] chunk = actual.readChunk(c, r);
				for (int y = 0; y < ch && r * ch + y < height; y++)
					for (int x = 0; x < cw && c * cw + x < width; x++)
						if (expected[(int) ((r * ch + y) * width + c * cw + x)] != (int) chunk[y * cw + x]) differing++;
			}
		if (differing == 0) return new LabelAgreement((long) width * height, 0, 1, 1);
		SegmentationMetrics m = new SegmentationMetrics(0.5, 0.95).add(labels(expected, width, height), labels(readAll(actual), width, height));
		return new LabelAgreement((long) width * height, differing, m.averagePrecision(0), m.averagePrecision(1));
	}

	@Override
	public String toString() {
		return differing == 0 ? "identical label arrays, ids included (" + pixels + " px compared)"
				: String.format(Locale.ROOT, "%d of %d px differ; AP@0.5 %.4f, AP@0.95 %.4f", differing, pixels, ap50, ap95);
	}

	private static LabelImage labels(int[] ids, int width, int height) {
		return new LabelImage(width, height, ids, java.util.Arrays.stream(ids).max().orElse(0));
	}

	private static int[] readAll(ZarrPlane labels) throws IOException {
		int width = (int) labels.width(), height = (int) labels.height();
		int[] out = new int[width * height];
		int cw = labels.chunkWidth(), ch = labels.chunkHeight();
		for (long r = 0; r < labels.chunkRows(); r++)
			for (long c = 0; c < labels.chunkColumns(); c++) {
				float[] chunk = labels.readChunk(c, r);
				for (int y = 0; y < ch && r * ch + y < height; y++)
					for (int x = 0; x < cw && c * cw + x < width; x++) out[(int) ((r * ch + y) * width + c * cw + x)] = (int) chunk[y * cw + x];
			}
		return out;
	}
}
