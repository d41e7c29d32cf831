package sc.fiji.convnet.ij;

import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import sc.fiji.convnet.filters.GaborBank;
import sc.fiji.convnet.filters.Kernel2D;
import sc.fiji.convnet.tensor.Tensor;

/** Kernels as ImageJ planes: a kernel drawn in an image, and a Gabor bank's montage. */
public final class KernelImages {

	private KernelImages() {}

	/** The kernel drawn in an 8-, 16- or 32-bit image: one weight per pixel (raw pixel values). */
	public static Kernel2D kernel(ImageProcessor ip) { return kernel(ip, false); }

	/** With {@code normalize} the weights are divided by their sum when it is not 0. */
	public static Kernel2D kernel(ImageProcessor ip, boolean normalize) {
		if (ip == null)
			throw new IllegalArgumentException("KernelParser: no kernel image");
		if (ip instanceof ColorProcessor)
			throw new IllegalArgumentException("KernelParser: the kernel image is RGB (" + ip.getWidth() + "×" + ip.getHeight()
					+ "); convert it to 8-, 16- or 32-bit first");
		Kernel2D k = Kernel2D.of(ip.getWidth(), ip.getHeight(), FloatPlanes.toFloats(ip, "KernelParser"));
		return normalize ? k.normalized() : k;
	}

	/** {@link GaborBank#montage} as a 32-bit plane displayed symmetrically about 0. */
	public static FloatProcessor montage(GaborBank bank, int scale, int gap) {
		Tensor m = bank.montage(scale, gap);
		FloatProcessor fp = new FloatProcessor(m.dim(3), m.dim(2), m.data());
		double max = 0;
		for (float v : m.data()) max = Math.max(max, Math.abs(v));
		fp.setMinAndMax(-max, max);
		return fp;
	}
}
