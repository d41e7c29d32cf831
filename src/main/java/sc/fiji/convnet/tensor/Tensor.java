package sc.fiji.convnet.tensor;

import java.util.Arrays;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.real.FloatType;

/**
 * A dense float tensor in row-major order (the last axis varies fastest), usually N×C×H×W.
 * <p>
 * The values live in one {@code float[]} so that kernels can work on the array directly, while
 * {@link #img()} exposes the same memory as an ImgLib2 image without copying (ImgLib2 orders axes
 * the other way round: x first, so the image's dimensions are the shape reversed).
 */
public final class Tensor {

	private final int[] shape;
	private final float[] data;

	public Tensor(float[] data, int... shape) {
		long size = sizeOf(shape);
		if (data.length != size)
			throw new IllegalArgumentException("Tensor: " + data.length + " values do not fill shape " + Arrays.toString(shape));
		this.shape = shape.clone();
		this.data = data;
	}

	/** A tensor of zeros with the given shape. */
	public static Tensor zeros(int... shape) {
		long size = sizeOf(shape);
		if (size > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("Tensor: shape " + Arrays.toString(shape) + " holds more than 2^31 values; process it in tiles");
		return new Tensor(new float[(int) size], shape);
	}

	public static long sizeOf(int... shape) {
		long size = 1;
		for (int d : shape) {
			if (d < 0) throw new IllegalArgumentException("Tensor: negative dimension in shape " + Arrays.toString(shape));
			size *= d;
		}
		return size;
	}

	public int[] shape() { return shape.clone(); }
	public int rank() { return shape.length; }
	public int dim(int axis) { return shape[axis < 0 ? shape.length + axis : axis]; }
	public int size() { return data.length; }
	/** The backing array, shared, not copied. */
	public float[] data() { return data; }

	/** N, C, H, W of a rank-4 tensor. */
	public int n() { requireRank(4); return shape[0]; }
	public int c() { requireRank(4); return shape[1]; }
	public int h() { requireRank(4); return shape[2]; }
	public int w() { requireRank(4); return shape[3]; }

	public void requireRank(int rank) {
		if (shape.length != rank)
			throw new IllegalArgumentException("expected a rank-" + rank + " tensor, got shape " + Arrays.toString(shape));
	}

	public float get(int... index) { return data[offset(index)]; }
	public void set(float value, int... index) { data[offset(index)] = value; }

	public int offset(int... index) {
		if (index.length != shape.length)
			throw new IllegalArgumentException("index " + Arrays.toString(index) + " does not match shape " + Arrays.toString(shape));
		int off = 0;
		for (int i = 0; i < shape.length; i++) {
			if (index[i] < 0 || index[i] >= shape[i])
				throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape " + Arrays.toString(shape));
			off = off * shape[i] + index[i];
		}
		return off;
	}

	/** The same values seen with another shape of equal size (no copy). */
	public Tensor reshape(int... newShape) {
		return new Tensor(data, newShape);
	}

	public Tensor copy() {
		return new Tensor(data.clone(), shape);
	}

	public Tensor fill(float value) {
		Arrays.fill(data, value);
		return this;
	}

	/** One N×C plane (H×W values) starting offset. */
	public int planeOffset(int n, int c) {
		requireRank(4);
		return (n * shape[1] + c) * shape[2] * shape[3];
	}

	/** The same memory as an ImgLib2 image; dimensions are the shape reversed (x, y, c, n). */
	public ArrayImg<FloatType, FloatArray> img() {
		long[] dims = new long[shape.length];
		for (int i = 0; i < shape.length; i++) dims[i] = shape[shape.length - 1 - i];
		return ArrayImgs.floats(data, dims);
	}

	/** Wraps an ImgLib2 float array image without copying; its axes reversed give the shape. */
	public static Tensor wrap(ArrayImg<FloatType, FloatArray> img) {
		int[] shape = new int[img.numDimensions()];
		for (int i = 0; i < shape.length; i++) shape[shape.length - 1 - i] = (int) img.dimension(i);
		return new Tensor(img.update(null).getCurrentStorageArray(), shape);
	}

	public String shapeString() { return Arrays.toString(shape); }

	@Override
	public String toString() { return "Tensor" + shapeString(); }
}
