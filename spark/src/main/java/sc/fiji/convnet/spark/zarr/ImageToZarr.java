package sc.fiji.convnet.spark.zarr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

import ij.process.ImageProcessor;

/**
 * Writes one grey plane (8-bit, 16-bit or 32-bit, as ImageJ opened it from a TIFF) as an OME-Zarr image:
 * a group with dataset {@code 0} (y, x) of the plane's type, zlib-compressed square chunks.
 */
public final class ImageToZarr {

	private ImageToZarr() {}

	public static ZarrPlane write(ImageProcessor ip, Path path, int chunk) throws IOException {
		if (ip instanceof ij.process.ColorProcessor) throw new IllegalArgumentException("to-zarr: an RGB image; convert it to one grey channel first");
		String dtype = switch (ip.getBitDepth()) {
			case 8 -> "|u1";
			case 16 -> "<u2";
			default -> "<f4";
		};
		int w = ip.getWidth(), h = ip.getHeight();
		Files.createDirectories(path);
		ZarrArray.writeAtomically(path.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}".getBytes(StandardCharsets.UTF_8));
		Map<String, Object> multiscale = Map.of("version", "0.4", "axes", List.of(Map.of("name", "y", "type", "space"), Map.of("name", "x", "type", "space")),
				"datasets", List.of(Map.of("path", "0", "coordinateTransformations", List.of(Map.of("type", "scale", "scale", List.of(1.0, 1.0))))));
		ZarrArray.writeAtomically(path.resolve(".zattrs"),
				new GsonBuilder().setPrettyPrinting().create().toJson(Map.of("multiscales", List.of(multiscale))).getBytes(StandardCharsets.UTF_8));
		ZarrArray a = ZarrArray.create(path.resolve("0"), new long[] { h, w }, new int[] { chunk, chunk }, dtype, "zlib");
		for (int cy = 0; cy * chunk < h; cy++)
			for (int cx = 0; cx * chunk < w; cx++) {
				long[] pos = { cy, cx };
				int n = chunk * chunk;
				float[] f = new float[n];
				for (int y = cy * chunk; y < Math.min(h, (cy + 1) * chunk); y++)
					for (int x = cx * chunk; x < Math.min(w, (cx + 1) * chunk); x++) f[(y - cy * chunk) * chunk + x - cx * chunk] = ip.getf(x, y);
				switch (ip.getBitDepth()) {
					case 8 -> {
						byte[] b = new byte[n];
						for (int i = 0; i < n; i++) b[i] = (byte) f[i];
						a.writeBytes(pos, b);
					}
					case 16 -> {
						short[] s = new short[n];
						for (int i = 0; i < n; i++) s[i] = (short) f[i];
						a.writeShorts(pos, s);
					}
					default -> a.writeFloats(pos, f);
				}
			}
		return ZarrPlane.open(path);
	}
}
