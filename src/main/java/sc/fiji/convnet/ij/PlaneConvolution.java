package sc.fiji.convnet.ij;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import sc.fiji.convnet.filters.Convolution2D;
import sc.fiji.convnet.filters.EdgeFilters;
import sc.fiji.convnet.filters.GaborBank;
import sc.fiji.convnet.filters.Kernel2D;
import sc.fiji.convnet.tensor.Tensor;

/**
 * {@link Convolution2D} on ImageJ planes and stacks (8-, 16- or 32-bit, read unsigned and uncalibrated, as
 * Convolver does); results are 32-bit.
 */
public final class PlaneConvolution {

	/** Planes handed to the engine at once, so that a big stack is never copied whole. */
	private static final long BATCH_PIXELS = 1L << 24;

	private PlaneConvolution() {}

	/** gx, gy and √(gx² + gy²) of one plane, all of one size. */
	public record EdgeMaps(FloatProcessor vertical, FloatProcessor horizontal, FloatProcessor magnitude) {}

	/** One kernel over one plane. */
	public static FloatProcessor apply(Convolution2D conv, ImageProcessor ip, Kernel2D kernel) {
		requireImage(ip);
		float[] y = conv.apply(FloatPlanes.toFloatsShared(ip, "Convolution2D"), ip.getWidth(), ip.getHeight(), kernel);
		return new FloatProcessor(conv.outputWidth(ip.getWidth(), kernel.width()), conv.outputHeight(ip.getHeight(), kernel.height()), y);
	}

	/** One kernel over every plane of a stack, in batches of about 16 Mpixels; slice labels are kept. */
	public static ImageStack applyToEachPlane(Convolution2D conv, ImageStack stack, Kernel2D kernel) {
		Objects.requireNonNull(kernel, "Convolution2D: kernel");
		if (stack == null || stack.getSize() == 0) throw new IllegalArgumentException("Convolution2D: the stack is empty");
		int s = stack.getSize(), h = stack.getHeight(), w = stack.getWidth();
		int ow = conv.outputWidth(w, kernel.width()), oh = conv.outputHeight(h, kernel.height());
		int batch = (int) Math.max(1, Math.min(s, BATCH_PIXELS / ((long) w * h)));
		ImageStack out = new ImageStack(ow, oh);
		float[] x = new float[batch * w * h];
		for (int first = 0; first < s; first += batch) {
			int count = Math.min(batch, s - first);
			for (int i = 0; i < count; i++) FloatPlanes.copyInto(stack.getProcessor(first + i + 1), x, i * w * h, "Convolution2D");
			float[] in = count == batch ? x : Arrays.copyOf(x, count * w * h);
			float[] y = conv.apply(new Tensor(in, count, 1, h, w), kernel).data();
			for (int i = 0; i < count; i++)
				out.addSlice(stack.getSliceLabel(first + i + 1), Arrays.copyOfRange(y, i * ow * oh, (i + 1) * ow * oh));
		}
		return out;
	}

	/** The planes of {@code channels} as the C inputs of one multi-channel filter: Σ_c conv(channel c, kernel c). */
	public static FloatProcessor applyAcrossChannels(Convolution2D conv, ImageStack channels, Kernel2D... perChannel) {
		float[] x = FloatPlanes.toFloats(channels, "Convolution2D");
		int c = channels.getSize(), h = channels.getHeight(), w = channels.getWidth();
		Tensor y = conv.applyAcrossChannels(new Tensor(x, 1, c, h, w), perChannel);
		return new FloatProcessor(y.dim(3), y.dim(2), y.data());
	}

	/** Each kernel of {@code bank} over one plane: a slice per kernel, labelled by {@code labels} (may be null). */
	public static ImageStack applyBank(Convolution2D conv, ImageProcessor ip, List<Kernel2D> bank, String[] labels) {
		requireImage(ip);
		float[] x = FloatPlanes.toFloatsShared(ip, "Convolution2D");
		if (labels != null && bank != null && labels.length != bank.size())
			throw new IllegalArgumentException("Convolution2D: " + labels.length + " labels for " + bank.size() + " kernels");
		Tensor y = conv.applyBank(new Tensor(x, 1, 1, ip.getHeight(), ip.getWidth()), bank);
		return FloatPlanes.toStack(y.data(), bank.size(), y.dim(3), y.dim(2), labels);
	}

	/** One feature map per filter of the bank for one plane, labelled with each filter's parameters. */
	public static ImageStack gaborMaps(GaborBank bank, ImageProcessor ip, Convolution2D conv) {
		return applyBank(conv, ip, bank.kernels(), bank.labels());
	}

	/** gx, gy (eqs. 10.3 and 10.4) and their magnitude for one plane, in one pass of the engine. */
	public static EdgeMaps edges(ImageProcessor ip, Convolution2D conv) {
		ImageStack stack = applyBank(conv, ip, List.of(EdgeFilters.vertical(), EdgeFilters.horizontal()), new String[] { "vertical", "horizontal" });
		float[] gx = (float[]) stack.getPixels(1), gy = (float[]) stack.getPixels(2);
		int w = stack.getWidth(), h = stack.getHeight();
		return new EdgeMaps(new FloatProcessor(w, h, gx), new FloatProcessor(w, h, gy), new FloatProcessor(w, h, EdgeFilters.magnitude(gx, gy)));
	}

	private static void requireImage(ImageProcessor ip) {
		if (ip == null) throw new IllegalArgumentException("Convolution2D: no image");
	}
}
