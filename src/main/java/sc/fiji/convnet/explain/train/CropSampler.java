package sc.fiji.convnet.explain.train;

import java.util.SplittableRandom;

import sc.fiji.convnet.detect.RgbImage;

/**
 * Cuts a square crop (RGB in [0, 1]) around a position into a batch array by bilinear sampling. With augmentation:
 * the centre jittered by up to a quarter of the object's size (at most {@code maxJitter} pixels), a random rotation,
 * a mirror, a scale in [0.85, 1.15] and per-channel gain and offset, so the classifier also sees the images
 * that {@code 0-1} min–max normalisation gives.
 */
public final class CropSampler {

	private final int size;
	private final double maxJitter;

	public CropSampler(int size, double maxJitter) {
		if (size < 8) throw new IllegalArgumentException("CropSampler: crop size " + size + " is below 8");
		this.size = size;
		this.maxJitter = maxJitter;
	}

	public int size() { return size; }

	/** Writes the crop into {@code out} at batch slot {@code slot} (3×size×size values); {@code rng} null: no augmentation. */
	public void sample(RgbImage image, CellCrop crop, SplittableRandom rng, float[] out, int slot) {
		double cx = crop.cx(), cy = crop.cy(), cos = 1, sin = 0, scale = 1;
		boolean mirror = false;
		float[] gain = { 1, 1, 1 }, offset = { 0, 0, 0 };
		if (rng != null) {
			double j = Math.min(maxJitter, crop.objectSize() > 0 ? crop.objectSize() / 4 : maxJitter);
			cx += (rng.nextDouble() * 2 - 1) * j;
			cy += (rng.nextDouble() * 2 - 1) * j;
			double angle = rng.nextDouble() * 2 * Math.PI;
			scale = 0.85 + 0.3 * rng.nextDouble();
			cos = Math.cos(angle) * scale;
			sin = Math.sin(angle) * scale;
			mirror = rng.nextBoolean();
			double contrast = 0.8 + 0.45 * rng.nextDouble(), brightness = (rng.nextDouble() * 2 - 1) * 0.1;
			for (int c = 0; c < 3; c++) {
				gain[c] = (float) (contrast * (0.92 + 0.16 * rng.nextDouble()));
				offset[c] = (float) (brightness + (rng.nextDouble() * 2 - 1) * 0.04);
			}
		}
		int plane = size * size, base = slot * 3 * plane;
		double half = (size - 1) / 2.0;
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) {
				double dx = (mirror ? half - x : x - half), dy = y - half;
				double u = cx + cos * dx - sin * dy, v = cy + sin * dx + cos * dy;
				for (int c = 0; c < 3; c++) {
					float value = image.sample(c, u, v) * gain[c] + offset[c];
					out[base + c * plane + y * size + x] = Math.max(0f, Math.min(1f, value));
				}
			}
	}
}
