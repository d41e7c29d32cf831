package sc.fiji.convnet.filters;

import java.util.Arrays;

/**
 * An immutable 2-D kernel: {@code width × height} float weights in row-major order (row 0 at the top).
 * The kernel is applied as a cross-correlation (Bishop eq. 10.2, and ImageJ's Convolver): the weight at
 * (column i, row j) multiplies the pixel at offset (i − anchorX, j − anchorY) from the output pixel, with the
 * anchor at the centre ((width − 1)/2 rounded down for even sizes).
 */
public final class Kernel2D {

	private final int width, height;
	private final float[] values;

	private Kernel2D(int width, int height, float[] values) {
		this.width = width;
		this.height = height;
		this.values = values;
	}

	/** A kernel of {@code width × height} values given row by row (the array is copied). */
	public static Kernel2D of(int width, int height, float... values) {
		if (width <= 0 || height <= 0)
			throw new IllegalArgumentException("Kernel2D: size must be positive, got " + width + "×" + height);
		if (values == null || values.length != (long) width * height)
			throw new IllegalArgumentException("Kernel2D: " + (values == null ? 0 : values.length)
					+ " values do not fill a " + width + "×" + height + " kernel");
		for (int i = 0; i < values.length; i++)
			if (!Float.isFinite(values[i]))
				throw new IllegalArgumentException("Kernel2D: value " + values[i] + " at row " + (i / width + 1)
						+ ", column " + (i % width + 1) + " is not a finite number");
		return new Kernel2D(width, height, values.clone());
	}

	/** A kernel from rows of equal length, {@code rows[j][i]} being row j, column i. */
	public static Kernel2D of(float[][] rows) {
		if (rows == null || rows.length == 0 || rows[0].length == 0)
			throw new IllegalArgumentException("Kernel2D: the kernel is empty");
		int w = rows[0].length;
		float[] v = new float[w * rows.length];
		for (int j = 0; j < rows.length; j++) {
			if (rows[j].length != w)
				throw new IllegalArgumentException("Kernel2D: row " + (j + 1) + " has " + rows[j].length
						+ " values but row 1 has " + w);
			System.arraycopy(rows[j], 0, v, j * w, w);
		}
		return of(w, rows.length, v);
	}

	public int width() { return width; }
	public int height() { return height; }
	/** The anchor column: the kernel column that sits over the output pixel. */
	public int anchorX() { return (width - 1) / 2; }
	public int anchorY() { return (height - 1) / 2; }

	/** The weight in column {@code x}, row {@code y}. */
	public float get(int x, int y) {
		if (x < 0 || x >= width || y < 0 || y >= height)
			throw new IndexOutOfBoundsException("Kernel2D: (" + x + ", " + y + ") outside " + width + "×" + height);
		return values[y * width + x];
	}

	/** A copy of the weights, row-major. */
	public float[] values() { return values.clone(); }

	/** The weights without copying, for this package's convolutions (never modified). */
	float[] valuesShared() { return values; }

	/** The sum of the weights, in double precision. */
	public double sum() {
		double s = 0;
		for (float v : values) s += v;
		return s;
	}

	/** The weights divided by their sum, as ImageJ's Convolver does; the kernel itself when the sum is 0. */
	public Kernel2D normalized() {
		double s = sum();
		if (s == 0) return this;
		float[] v = new float[values.length];
		for (int i = 0; i < v.length; i++) v[i] = (float) (values[i] / s);
		return new Kernel2D(width, height, v);
	}

	/** Rows become columns. */
	public Kernel2D transposed() {
		float[] v = new float[values.length];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) v[x * height + y] = values[y * width + x];
		return new Kernel2D(height, width, v);
	}

	/** The kernel as text that {@link KernelParser#parse(String)} reads back: one line per row. */
	public String toText() {
		StringBuilder sb = new StringBuilder();
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				if (x > 0) sb.append(' ');
				sb.append(values[y * width + x]);
			}
			sb.append('\n');
		}
		return sb.toString();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Kernel2D k && k.width == width && k.height == height && Arrays.equals(k.values, values);
	}

	@Override
	public int hashCode() { return 31 * (31 * width + height) + Arrays.hashCode(values); }

	@Override
	public String toString() { return "Kernel2D[" + width + "×" + height + "]"; }
}
