package sc.fiji.convnet.spark.bench;

import java.io.IOException;
import java.nio.file.Path;

import ij.process.FloatProcessor;
import sc.fiji.convnet.bench.SyntheticNuclei;
import sc.fiji.convnet.spark.zarr.ImageToZarr;
import sc.fiji.convnet.spark.zarr.ZarrPlane;

/**
 * The top-left {@code width × height} of the lazily generated {@link SyntheticNuclei} image (the generator of
 * {@code BigSegmentationBenchmark}: every pixel a function of its (x, y), so this strip is the same pixels as its
 * sub-region there) written as an OME-Zarr image, the way {@code convnet-spark to-zarr} writes a plane.
 */
final class StripInput {

	private StripInput() {}

	/** Materialised as one float plane first (640 MB for 40,000 × 4,000): the path a TIFF takes through to-zarr. */
	static ZarrPlane write(Path zarr, int width, int height, int chunk) throws IOException {
		if ((long) width * height > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("strip: " + width + " × " + height + " exceeds one Java array");
		float[] pixels = new float[width * height];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) pixels[y * width + x] = SyntheticNuclei.value(x, y);
		return ImageToZarr.write(new FloatProcessor(width, height, pixels), zarr, chunk);
	}
}
