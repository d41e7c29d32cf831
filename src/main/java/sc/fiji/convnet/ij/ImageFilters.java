package sc.fiji.convnet.ij;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import sc.fiji.convnet.filters.Convolution2D;
import sc.fiji.convnet.filters.EdgeFilters;
import sc.fiji.convnet.filters.GaborBank;
import sc.fiji.convnet.filters.Kernel2D;
import sc.fiji.convnet.filters.KernelParser;
import sc.fiji.convnet.filters.OutputSize;
import sc.fiji.convnet.engine.kernels.PaddingMode;
import sc.fiji.convnet.filters.Pooling;
import sc.fiji.convnet.filters.Upsampling;
import sc.fiji.convnet.predict.Progress;

/**
 * The filters of {@code sc.fiji.convnet.filters} on whole ImagePlus objects: one call per menu command.
 * <ul>
 * <li>Every result is a <b>new 32-bit</b> ImagePlus; the input is never modified.</li>
 * <li>Planes are read as raw values (8/16-bit unsigned, no density calibration), as ImageJ's Convolver does.</li>
 * <li>The hyperstack layout (channels, slices, frames) is kept, except where a filter says otherwise
 * (across channels: one channel; edges "all" and Gabor banks: several output channels per input channel).</li>
 * <li>The spatial calibration follows the pixel grid: stride, pooling and up-sampling change the pixel size,
 * VALID output and pooling windows move the origin, so a position in microns stays the same place.</li>
 * <li>RGB images are refused (split them into channels first); bad input throws IllegalArgumentException
 * whose message starts with the operation and the image's title ("Convolve: blobs.gif: ...").</li>
 * </ul>
 */
public final class ImageFilters {

	/** Planes handed to the engine in one batch, bounded so that progress is reported often enough. */
	private static final long BATCH_PIXELS = 1L << 22;

	private ImageFilters() {}

	// ---------------------------------------------------------------- Convolve

	/**
	 * Convolves with a kernel typed as text (rows of numbers, see {@link KernelParser}). With
	 * {@code acrossChannels} the text may hold one kernel per channel, separated by a row {@code ---}.
	 */
	public static ImagePlus convolve(ImagePlus imp, String kernelText, boolean normalize, PaddingMode padding, OutputSize output,
			int stride, boolean acrossChannels, Progress progress) {
		requireImage(imp, "Convolve");
		try {
			List<Kernel2D> kernels = parseKernels(kernelText, normalize);
			if (acrossChannels) return convolveAcrossChannels(imp, kernels, padding, output, stride, progress);
			if (kernels.size() > 1)
				throw new IllegalArgumentException("Convolve: " + kernels.size() + " kernels given; several kernels (one per channel) need 'across channels'");
			return convolve(imp, kernels.get(0), false, padding, output, stride, false, progress);
		} catch (IllegalArgumentException e) {
			throw named("Convolve", imp, e);
		}
	}

	/**
	 * Convolves every plane with {@code kernel} (a cross-correlation, as Convolver), or, with
	 * {@code acrossChannels}, all channels of each slice and frame with it as one multi-channel filter,
	 * giving one channel: out = Σ_c conv(channel c, kernel).
	 */
	public static ImagePlus convolve(ImagePlus imp, Kernel2D kernel, boolean normalize, PaddingMode padding, OutputSize output,
			int stride, boolean acrossChannels, Progress progress) {
		requireImage(imp, "Convolve");
		Objects.requireNonNull(kernel, "Convolve: kernel");
		Kernel2D k = normalize ? kernel.normalized() : kernel;
		if (acrossChannels) return convolveAcrossChannels(imp, List.of(k), padding, output, stride, progress);
		try {
			requireGrey(imp, "Convolve");
			Convolution2D conv = convolution(padding, output, stride);
			ImageStack in = imp.getStack();
			int n = in.getSize();
			int batch = (int) Math.max(1, Math.min(n, BATCH_PIXELS / ((long) imp.getWidth() * imp.getHeight())));
			ImageStack out = null;
			for (int first = 1; first <= n; first += batch) {
				ImageStack part = new ImageStack(imp.getWidth(), imp.getHeight());
				for (int i = first; i < first + batch && i <= n; i++) part.addSlice(in.getSliceLabel(i), in.getProcessor(i));
				ImageStack y = PlaneConvolution.applyToEachPlane(conv, part, k);
				if (out == null) out = new ImageStack(y.getWidth(), y.getHeight());
				for (int i = 1; i <= y.getSize(); i++) out.addSlice(y.getSliceLabel(i), y.getProcessor(i));
				FilterResults.step(progress(progress), Math.min(n, first + batch - 1), n);
			}
			return FilterResults.image(imp, "convolved", out, imp.getNChannels(), imp.getNSlices(), imp.getNFrames(),
					convolvedCalibration(imp, conv, k));
		} catch (IllegalArgumentException e) {
			throw named("Convolve", imp, e);
		}
	}

	/**
	 * One multi-channel filter per slice and frame: all channels in, one channel out,
	 * out = Σ_c conv(channel c, kernel c). Give one kernel per channel, or one for all.
	 */
	public static ImagePlus convolveAcrossChannels(ImagePlus imp, List<Kernel2D> perChannel, PaddingMode padding, OutputSize output,
			int stride, Progress progress) {
		requireImage(imp, "Convolve");
		try {
			requireGrey(imp, "Convolve");
			int channels = imp.getNChannels(), slices = imp.getNSlices(), frames = imp.getNFrames();
			if (perChannel == null || perChannel.isEmpty()) throw new IllegalArgumentException("Convolve: no kernel");
			if (perChannel.size() != 1 && perChannel.size() != channels)
				throw new IllegalArgumentException("Convolve: " + perChannel.size() + " kernels for " + channels
						+ " channels; give one kernel per channel or one for all");
			Convolution2D conv = convolution(padding, output, stride);
			Kernel2D[] kernels = perChannel.toArray(new Kernel2D[0]);
			ImageStack in = imp.getStack(), out = null;
			int total = slices * frames, done = 0;
			for (int t = 1; t <= frames; t++)
				for (int z = 1; z <= slices; z++) {
					ImageStack cs = new ImageStack(imp.getWidth(), imp.getHeight());
					for (int c = 1; c <= channels; c++) cs.addSlice(in.getProcessor(imp.getStackIndex(c, z, t)));
					FloatProcessor y = PlaneConvolution.applyAcrossChannels(conv, cs, kernels);
					if (out == null) out = new ImageStack(y.getWidth(), y.getHeight());
					out.addSlice(in.getSliceLabel(imp.getStackIndex(1, z, t)), y);
					FilterResults.step(progress(progress), ++done, total);
				}
			return FilterResults.image(imp, "convolved", out, 1, slices, frames, convolvedCalibration(imp, conv, kernels[0]));
		} catch (IllegalArgumentException e) {
			throw named("Convolve", imp, e);
		}
	}

	/** Kernels in text, separated by rows {@code ---}; each is normalised on its own when asked. */
	public static List<Kernel2D> parseKernels(String text, boolean normalize) {
		List<Kernel2D> kernels = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String row : (text == null ? "" : text).split("\\r?\\n|\\r|;", -1)) {
			if (row.trim().matches("-{3,}")) {
				kernels.add(KernelParser.parse(current.toString(), normalize));
				current.setLength(0);
			} else current.append(row).append('\n');
		}
		kernels.add(KernelParser.parse(current.toString(), normalize));
		return kernels;
	}

	private static Calibration convolvedCalibration(ImagePlus imp, Convolution2D conv, Kernel2D k) {
		boolean valid = conv.output() == OutputSize.VALID;
		// output pixel o is centred where the kernel's anchor sits: input pixel o·stride (+ anchor when VALID)
		return FilterResults.resampled(imp, conv.strideX(), valid ? k.anchorX() : 0, valid ? k.anchorY() : 0);
	}

	// ---------------------------------------------------------------- Edge Filters

	/**
	 * The 3×3 edge detectors of eqs. 10.3 and 10.4 (replicated borders, same size) on every plane: signed
	 * gx or gy, their magnitude, or all three as consecutive channels (gx, gy, |g| for each input channel).
	 */
	public static ImagePlus edges(ImagePlus imp, EdgeOutput which, Progress progress) {
		return greyFilter("Edge Filters", imp, () -> {
			Objects.requireNonNull(which, "Edge Filters: output");
			Convolution2D conv = Convolution2D.defaults();
			int channels = imp.getNChannels(), slices = imp.getNSlices(), frames = imp.getNFrames();
			int perChannel = which == EdgeOutput.ALL ? 3 : 1;
			ImageStack out = eachPlane(imp, progress, (ip, prefix, maps) -> {
				switch (which) {
				case VERTICAL -> maps.addSlice(prefix + "vertical", PlaneConvolution.apply(conv, ip, EdgeFilters.vertical()));
				case HORIZONTAL -> maps.addSlice(prefix + "horizontal", PlaneConvolution.apply(conv, ip, EdgeFilters.horizontal()));
				case MAGNITUDE -> maps.addSlice(prefix + "magnitude", PlaneConvolution.edges(ip, conv).magnitude());
				case ALL -> {
					PlaneConvolution.EdgeMaps m = PlaneConvolution.edges(ip, conv);
					maps.addSlice(prefix + "vertical", m.vertical());
					maps.addSlice(prefix + "horizontal", m.horizontal());
					maps.addSlice(prefix + "magnitude", m.magnitude());
				}
				}
			});
			return FilterResults.image(imp, "edges-" + which.name().toLowerCase(), out, channels * perChannel, slices, frames,
					FilterResults.resampled(imp, 1, 0, 0));
		});
	}

	// ---------------------------------------------------------------- Gabor Filter Bank

	/**
	 * One feature map per filter of {@code bank} for every plane (replicated borders, same size): F output
	 * channels per input channel, labelled with the filter's θ, ω and φ. For a single plane that is a stack
	 * of F labelled slices.
	 */
	public static ImagePlus gaborBank(ImagePlus imp, GaborBank bank, Progress progress) {
		return greyFilter("Gabor Filter Bank", imp, () -> {
			Objects.requireNonNull(bank, "Gabor Filter Bank: bank");
			Convolution2D conv = Convolution2D.defaults();
			int channels = imp.getNChannels(), slices = imp.getNSlices(), frames = imp.getNFrames(), f = bank.size();
			ImageStack out = eachPlane(imp, progress, (ip, prefix, all) -> {
				ImageStack maps = PlaneConvolution.gaborMaps(bank, ip, conv);
				for (int i = 1; i <= f; i++) all.addSlice(prefix + maps.getSliceLabel(i), maps.getProcessor(i));
			});
			return FilterResults.image(imp, "gabor", out, channels * f, slices, frames, FilterResults.resampled(imp, 1, 0, 0));
		});
	}

	/** The bank's kernels side by side as in Fig. 10.11: a row per (ω, φ), a column per θ, enlarged to about 64 pixels each. */
	public static ImagePlus gaborMontage(GaborBank bank) {
		Objects.requireNonNull(bank, "Gabor Filter Bank: bank");
		int size = bank.filters().get(0).size();
		int scale = Math.max(1, (int) Math.round(64.0 / size));
		return new ImagePlus("Gabor bank (" + bank.size() + " filters)", KernelImages.montage(bank, scale, Math.max(2, scale)));
	}

	// ---------------------------------------------------------------- Pool and Up-sample

	/** Max or average over size×size windows {@code stride} apart (whole windows only), on every plane. */
	public static ImagePlus pool(ImagePlus imp, Pooling.Mode mode, int size, int stride, Progress progress) {
		requireImage(imp, "Pool");
		Objects.requireNonNull(mode, "Pool: mode");
		try {
			requireGrey(imp, "Pool");
			ImageStack in = imp.getStack(), out = null;
			int n = in.getSize();
			for (int i = 1; i <= n; i++) {
				FloatProcessor y = PlaneResampling.pool(in.getProcessor(i), mode, size, stride);
				if (out == null) out = new ImageStack(y.getWidth(), y.getHeight());
				out.addSlice(in.getSliceLabel(i), y);
				FilterResults.step(progress(progress), i, n);
			}
			// output pixel o summarises input pixels o·stride … o·stride + size − 1: its centre is o·stride + (size − 1)/2
			double centre = (size - 1) / 2.0;
			return FilterResults.image(imp, mode.name().toLowerCase() + "-pooled", out, imp.getNChannels(), imp.getNSlices(),
					imp.getNFrames(), FilterResults.resampled(imp, stride, centre, centre));
		} catch (IllegalArgumentException e) {
			throw named("Pool", imp, e);
		}
	}

	/** Enlarges every plane {@code factor} times (nearest or bilinear, pixel centres aligned). */
	public static ImagePlus upsample(ImagePlus imp, Upsampling.Method method, int factor, Progress progress) {
		requireImage(imp, "Up-sample");
		Objects.requireNonNull(method, "Up-sample: method");
		try {
			requireGrey(imp, "Up-sample");
			if (factor < 1) throw new IllegalArgumentException("Up-sample: the factor must be at least 1, got " + factor);
			long pixels = (long) imp.getWidth() * factor * imp.getHeight() * factor;
			if (pixels > Integer.MAX_VALUE - 8)
				throw new IllegalArgumentException("Up-sample: " + imp.getWidth() + "×" + imp.getHeight() + " × " + factor
						+ " would exceed 2^31 pixels per plane");
			ImageStack in = imp.getStack(), out = new ImageStack(imp.getWidth() * factor, imp.getHeight() * factor);
			int n = in.getSize();
			for (int i = 1; i <= n; i++) {
				out.addSlice(in.getSliceLabel(i), PlaneResampling.upsample(in.getProcessor(i), method, factor, factor));
				FilterResults.step(progress(progress), i, n);
			}
			// output pixel o looks at input position (o + ½)/f − ½
			double offset = (1.0 - factor) / (2.0 * factor);
			return FilterResults.image(imp, "upsampled", out, imp.getNChannels(), imp.getNSlices(), imp.getNFrames(),
					FilterResults.resampled(imp, 1.0 / factor, offset, offset));
		} catch (IllegalArgumentException e) {
			throw named("Up-sample", imp, e);
		}
	}

	// ---------------------------------------------------------------- checks

	private static Convolution2D convolution(PaddingMode padding, OutputSize output, int stride) {
		if (stride < 1) throw new IllegalArgumentException("Convolve: the stride must be at least 1, got " + stride);
		return Convolution2D.defaults()
				.padding(Objects.requireNonNull(padding, "Convolve: padding"))
				.output(Objects.requireNonNull(output, "Convolve: output size"))
				.stride(stride);
	}

	/** A filter of one plane that adds its output slices, their labels starting with {@code prefix}. */
	private interface PlaneFilter {
		void apply(ImageProcessor plane, String prefix, ImageStack out);
	}

	/**
	 * Every plane of the image through {@code filter} in frame, slice, channel order, one progress step a plane; the
	 * labels start with "cN " when there are several channels. The loop that edges and Gabor maps share.
	 */
	private static ImageStack eachPlane(ImagePlus imp, Progress progress, PlaneFilter filter) {
		int channels = imp.getNChannels(), slices = imp.getNSlices(), frames = imp.getNFrames();
		ImageStack in = imp.getStack(), out = new ImageStack(imp.getWidth(), imp.getHeight());
		int total = in.getSize(), done = 0;
		for (int t = 1; t <= frames; t++)
			for (int z = 1; z <= slices; z++)
				for (int c = 1; c <= channels; c++) {
					filter.apply(in.getProcessor(imp.getStackIndex(c, z, t)), channels > 1 ? "c" + c + " " : "", out);
					FilterResults.step(progress(progress), ++done, total);
				}
		return out;
	}

	/** Runs a filter of grey images: no image or an RGB one is refused, and its argument errors name the image. */
	private static ImagePlus greyFilter(String op, ImagePlus imp, java.util.function.Supplier<ImagePlus> filter) {
		requireImage(imp, op);
		try {
			requireGrey(imp, op);
			return filter.get();
		} catch (IllegalArgumentException e) {
			throw named(op, imp, e);
		}
	}

	private static void requireImage(ImagePlus imp, String op) {
		if (imp == null) throw new IllegalArgumentException(op + ": no image");
	}

	private static void requireGrey(ImagePlus imp, String op) {
		if (imp.getBitDepth() == 24)
			throw new IllegalArgumentException(op + ": RGB images are not supported; split the channels (Image › Color › Split Channels) "
					+ "or convert to 8-bit first");
	}

	/** The same message, prefixed with the image's title, so that a macro's log says which image failed. */
	private static IllegalArgumentException named(String op, ImagePlus imp, IllegalArgumentException e) {
		String prefix = op + ": " + imp.getTitle() + ": ";
		String msg = String.valueOf(e.getMessage());
		if (msg.startsWith(prefix)) return e;
		if (msg.startsWith(op + ": ")) msg = msg.substring(op.length() + 2);
		return new IllegalArgumentException(prefix + msg, e);
	}

	private static Progress progress(Progress p) { return p == null ? Progress.NONE : p; }
}
