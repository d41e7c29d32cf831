package sc.fiji.convnet.detect;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import sc.fiji.convnet.tensor.Tensor;

/** An RGB image as three planes of floats in [0, 1], row-major; the detector's input before normalisation. */
public final class RgbImage {

	private final int width, height;
	private final float[] planes; // 3 × height × width

	public RgbImage(int width, int height, float[] planes) {
		if (width <= 0 || height <= 0 || planes.length != 3 * width * height)
			throw new IllegalArgumentException("RgbImage: " + planes.length + " values do not make 3 planes of " + width + "×" + height);
		this.width = width;
		this.height = height;
		this.planes = planes;
	}

	public int width() { return width; }
	public int height() { return height; }
	public float[] planes() { return planes; }

	public float get(int c, int x, int y) { return planes[(c * height + y) * width + x]; }

	public static RgbImage read(Path file) throws IOException {
		BufferedImage im = ImageIO.read(file.toFile());
		if (im == null) throw new IOException("RgbImage: " + file + " is not an image Java can read");
		return of(im);
	}

	public static RgbImage of(BufferedImage im) {
		int w = im.getWidth(), h = im.getHeight();
		int[] argb = im.getRGB(0, 0, w, h, null, 0, w);
		return fromArgb(argb, w, h);
	}

	/** From packed 0xAARRGGBB pixels (as ImageJ's ColorProcessor keeps them). */
	public static RgbImage fromArgb(int[] argb, int w, int h) {
		float[] p = new float[3 * w * h];
		int plane = w * h;
		for (int i = 0; i < plane; i++) {
			int v = argb[i];
			p[i] = ((v >> 16) & 255) / 255f;
			p[plane + i] = ((v >> 8) & 255) / 255f;
			p[2 * plane + i] = (v & 255) / 255f;
		}
		return new RgbImage(w, h, p);
	}

	/** Grey values repeated in the three channels, scaled by {@code max} (e.g. 255 or 65535). */
	public static RgbImage fromGrey(float[] grey, int w, int h, double max) {
		float[] p = new float[3 * w * h];
		for (int c = 0; c < 3; c++) for (int i = 0; i < w * h; i++) p[c * w * h + i] = (float) (grey[i] / max);
		return new RgbImage(w, h, p);
	}

	/** Bilinear resampling to {@code w}×{@code h} with pixel centres aligned (a 2×2 mean for an exact halving). */
	public RgbImage resized(int w, int h) {
		if (w == width && h == height) return this;
		if (w <= 0 || h <= 0) throw new IllegalArgumentException("RgbImage: cannot resize " + width + "×" + height + " to " + w + "×" + h);
		float[] out = new float[3 * w * h];
		double sx = width / (double) w, sy = height / (double) h;
		for (int y = 0; y < h; y++) {
			double v = (y + 0.5) * sy - 0.5;
			for (int x = 0; x < w; x++) {
				double u = (x + 0.5) * sx - 0.5;
				for (int c = 0; c < 3; c++) out[(c * h + y) * w + x] = sample(c, u, v);
			}
		}
		return new RgbImage(w, h, out);
	}

	/** The image mirrored left–right and/or top–bottom. */
	public RgbImage flipped(boolean horizontally, boolean vertically) {
		if (!horizontally && !vertically) return this;
		float[] out = new float[planes.length];
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < height; y++) {
				int sy = vertically ? height - 1 - y : y;
				for (int x = 0; x < width; x++) out[(c * height + y) * width + x] = planes[(c * height + sy) * width + (horizontally ? width - 1 - x : x)];
			}
		return new RgbImage(width, height, out);
	}

	/** The {@code w}×{@code h} part whose top-left pixel is ({@code x}, {@code y}); it must lie inside the image. */
	public RgbImage cut(int x, int y, int w, int h) {
		if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height)
			throw new IllegalArgumentException("RgbImage: " + w + "×" + h + " at (" + x + ", " + y + ") is not inside " + width + "×" + height);
		if (x == 0 && y == 0 && w == width && h == height) return this;
		float[] out = new float[3 * w * h];
		for (int c = 0; c < 3; c++)
			for (int r = 0; r < h; r++) System.arraycopy(planes, (c * height + y + r) * width + x, out, (c * h + r) * w, w);
		return new RgbImage(w, h, out);
	}

	/** Bilinear sample at (u, v) in pixel-centre coordinates, edges repeated. */
	public float sample(int c, double u, double v) {
		u = Math.max(0, Math.min(width - 1, u));
		v = Math.max(0, Math.min(height - 1, v));
		int x0 = (int) u, y0 = (int) v, x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
		double fx = u - x0, fy = v - y0;
		int base = c * height * width;
		double top = planes[base + y0 * width + x0] * (1 - fx) + planes[base + y0 * width + x1] * fx;
		double bottom = planes[base + y1 * width + x0] * (1 - fx) + planes[base + y1 * width + x1] * fx;
		return (float) (top * (1 - fy) + bottom * fy);
	}

	/**
	 * The 1×3×H'×W' network input: this image padded at the right and bottom (edge repeated) to multiples
	 * of {@code multiple}, normalised as (v − 0.5)/0.25.
	 */
	public Tensor toInput(int multiple) {
		int w = (width + multiple - 1) / multiple * multiple, h = (height + multiple - 1) / multiple * multiple;
		float[] t = new float[3 * w * h];
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					t[(c * h + y) * w + x] = normalize(get(c, Math.min(x, width - 1), Math.min(y, height - 1)));
		return new Tensor(t, 1, 3, h, w);
	}

	/** Input normalisation of the detector: [0, 1] → (v − 0.5)/0.25. */
	public static float normalize(float v) { return (v - 0.5f) * 4f; }
}
