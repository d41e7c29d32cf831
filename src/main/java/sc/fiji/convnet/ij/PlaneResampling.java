package sc.fiji.convnet.ij;

import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import sc.fiji.convnet.filters.Pooling;
import sc.fiji.convnet.filters.Upsampling;
import sc.fiji.convnet.tensor.Tensor;

/** {@link Pooling} and {@link Upsampling} on ImageJ planes and stacks; results are 32-bit, slice labels kept. */
public final class PlaneResampling {

	private PlaneResampling() {}

	public static FloatProcessor max(ImageProcessor ip, int size, int stride) { return pool(ip, Pooling.Mode.MAX, size, stride); }

	public static FloatProcessor average(ImageProcessor ip, int size, int stride) { return pool(ip, Pooling.Mode.AVERAGE, size, stride); }

	public static FloatProcessor pool(ImageProcessor ip, Pooling.Mode mode, int size, int stride) {
		if (ip == null) throw new IllegalArgumentException("Pooling: no image");
		Tensor y = Pooling.pool(new Tensor(FloatPlanes.toFloatsShared(ip, "Pooling"), 1, 1, ip.getHeight(), ip.getWidth()), mode, size, stride);
		return new FloatProcessor(y.dim(3), y.dim(2), y.data());
	}

	public static ImageStack pool(ImageStack stack, Pooling.Mode mode, int size, int stride) {
		float[] x = FloatPlanes.toFloats(stack, "Pooling");
		Tensor y = Pooling.pool(new Tensor(x, stack.getSize(), 1, stack.getHeight(), stack.getWidth()), mode, size, stride);
		return FloatPlanes.toStack(y.data(), stack.getSize(), y.dim(3), y.dim(2), stack.getSliceLabels());
	}

	public static FloatProcessor nearest(ImageProcessor ip, int factor) { return upsample(ip, Upsampling.Method.NEAREST, factor, factor); }

	public static FloatProcessor bilinear(ImageProcessor ip, int factor) { return upsample(ip, Upsampling.Method.BILINEAR, factor, factor); }

	public static FloatProcessor upsample(ImageProcessor ip, Upsampling.Method method, int factorY, int factorX) {
		if (ip == null) throw new IllegalArgumentException("Upsampling: no image");
		Tensor x = new Tensor(FloatPlanes.toFloatsShared(ip, "Upsampling"), 1, 1, ip.getHeight(), ip.getWidth());
		Tensor y = Upsampling.upsample(x, method, factorY, factorX);
		return new FloatProcessor(y.dim(3), y.dim(2), y.data());
	}

	public static ImageStack upsample(ImageStack stack, Upsampling.Method method, int factorY, int factorX) {
		float[] x = FloatPlanes.toFloats(stack, "Upsampling");
		Tensor y = Upsampling.upsample(new Tensor(x, stack.getSize(), 1, stack.getHeight(), stack.getWidth()), method, factorY, factorX);
		return FloatPlanes.toStack(y.data(), stack.getSize(), y.dim(3), y.dim(2), stack.getSliceLabels());
	}
}
