package sc.fiji.convnet.explain;

/**
 * Bilinear resampling of a plane with pixel-centre alignment (a pixel's centre at x + 0.5 in both grids,
 * as {@code align_corners=false} in PyTorch and OpenCV's resize), clamped at the borders.
 */
public final class Resize {

	private Resize() {}

	public static float[] bilinear(float[] src, int width, int height, int newWidth, int newHeight) {
		if (src.length != width * height || width <= 0 || height <= 0 || newWidth <= 0 || newHeight <= 0)
			throw new IllegalArgumentException("Resize: plane of " + src.length + " values is not " + width + "×" + height + ", or the target " + newWidth + "×" + newHeight + " is empty");
		float[] dst = new float[newWidth * newHeight];
		double sx = (double) width / newWidth, sy = (double) height / newHeight;
		for (int y = 0; y < newHeight; y++) {
			double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), height - 1);
			int y0 = (int) fy, y1 = Math.min(y0 + 1, height - 1);
			double wy = fy - y0;
			for (int x = 0; x < newWidth; x++) {
				double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), width - 1);
				int x0 = (int) fx, x1 = Math.min(x0 + 1, width - 1);
				double wx = fx - x0;
				double top = src[y0 * width + x0] * (1 - wx) + src[y0 * width + x1] * wx;
				double bottom = src[y1 * width + x0] * (1 - wx) + src[y1 * width + x1] * wx;
				dst[y * newWidth + x] = (float) (top * (1 - wy) + bottom * wy);
			}
		}
		return dst;
	}

	/** Every plane of an N×C×H×W tensor resampled to H'×W'. */
	public static sc.fiji.convnet.tensor.Tensor bilinear(sc.fiji.convnet.tensor.Tensor t, int newHeight, int newWidth) {
		int n = t.dim(0), c = t.dim(1), h = t.dim(2), w = t.dim(3);
		sc.fiji.convnet.tensor.Tensor out = sc.fiji.convnet.tensor.Tensor.zeros(n, c, newHeight, newWidth);
		float[] plane = new float[h * w];
		for (int p = 0; p < n * c; p++) {
			System.arraycopy(t.data(), p * h * w, plane, 0, h * w);
			System.arraycopy(bilinear(plane, w, h, newWidth, newHeight), 0, out.data(), p * newHeight * newWidth, newHeight * newWidth);
		}
		return out;
	}
}
