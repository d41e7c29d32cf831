package sc.fiji.convnet.filters;

import sc.fiji.convnet.engine.kernels.PaddingMode;
import java.util.List;
import java.util.Objects;

import sc.fiji.convnet.engine.kernels.ConvGeometry;
import sc.fiji.convnet.engine.kernels.ConvKernels;
import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Applies hand-made kernels to planes and N×C×H×W tensors: one kernel to every plane, one multi-channel
 * kernel across all channels (C planes in, one plane out), or a bank of kernels (one output plane per kernel);
 * {@code sc.fiji.convnet.ij.PlaneConvolution} does the same for ImageJ planes and stacks. The arithmetic is the
 * engine's convolution ({@link Kernels#best()}), a cross-correlation
 * (Bishop eq. 10.2) like ImageJ's Convolver: out(x, y) = Σ k(i, j) · in(x·s + i − anchorX, y·s + j − anchorY).
 * <p>
 * The settings are immutable; each {@code withX} returns a changed copy:
 * <pre>
 * Convolution2D conv = Convolution2D.defaults().padding(PaddingMode.REFLECT).threads(2);
 * float[] out = conv.apply(plane, width, height, KernelParser.parse("-1 0 1; -2 0 2; -1 0 1"));
 * </pre>
 * Defaults are ImageJ's: {@link PaddingMode#REPLICATE}, {@link OutputSize#SAME}, stride 1, and
 * {@link Kernels#defaultThreads()} threads. The whole plane is filtered (selections are the caller's business).
 */
public final class Convolution2D {

	private final PaddingMode padding;
	private final OutputSize output;
	private final int strideY, strideX;
	private final int threads;
	private final ConvKernels kernels; // null: Kernels.best() at call time

	private Convolution2D(PaddingMode padding, OutputSize output, int strideY, int strideX, int threads, ConvKernels kernels) {
		this.padding = padding;
		this.output = output;
		this.strideY = strideY;
		this.strideX = strideX;
		this.threads = threads;
		this.kernels = kernels;
	}

	/** Replicated borders, same-size output, stride 1, all processors. */
	public static Convolution2D defaults() {
		return new Convolution2D(PaddingMode.REPLICATE, OutputSize.SAME, 1, 1, Kernels.defaultThreads(), null);
	}

	public Convolution2D padding(PaddingMode mode) {
		return new Convolution2D(Objects.requireNonNull(mode, "Convolution2D: padding mode"), output, strideY, strideX, threads, kernels);
	}

	public Convolution2D output(OutputSize size) {
		return new Convolution2D(padding, Objects.requireNonNull(size, "Convolution2D: output size"), strideY, strideX, threads, kernels);
	}

	public Convolution2D stride(int stride) { return stride(stride, stride); }

	public Convolution2D stride(int strideY, int strideX) {
		if (strideY < 1 || strideX < 1)
			throw new IllegalArgumentException("Convolution2D: stride must be at least 1, got " + strideY + "×" + strideX);
		return new Convolution2D(padding, output, strideY, strideX, threads, kernels);
	}

	public Convolution2D threads(int threads) {
		if (threads < 1) throw new IllegalArgumentException("Convolution2D: threads must be at least 1, got " + threads);
		return new Convolution2D(padding, output, strideY, strideX, threads, kernels);
	}

	/** Uses these array kernels instead of {@link Kernels#best()} (tests and benchmarks). */
	public Convolution2D kernels(ConvKernels kernels) {
		return new Convolution2D(padding, output, strideY, strideX, threads, Objects.requireNonNull(kernels, "Convolution2D: kernels"));
	}

	public PaddingMode padding() { return padding; }
	public OutputSize output() { return output; }
	public int strideY() { return strideY; }
	public int strideX() { return strideX; }
	public int threads() { return threads; }
	/** The name of the array kernels that will run. */
	public String kernelsName() { return engine().name(); }

	/** The output height for an input of {@code height} rows and a kernel of {@code kernelHeight} rows. */
	public int outputHeight(int height, int kernelHeight) {
		return outputLength(height, kernelHeight, strideY);
	}

	public int outputWidth(int width, int kernelWidth) {
		return outputLength(width, kernelWidth, strideX);
	}

	private int outputLength(int n, int k, int stride) {
		int pad = output == OutputSize.SAME ? k - 1 : 0;
		return ConvGeometry.outputSize(n, k, stride, 1, pad);
	}

	// ---------------------------------------------------------------- arrays and tensors

	/** One kernel over one row-major {@code width × height} plane; the result has {@link #outputWidth} × {@link #outputHeight} values. */
	public float[] apply(float[] plane, int width, int height, Kernel2D kernel) {
		Objects.requireNonNull(kernel, "Convolution2D: kernel");
		if (plane == null || width <= 0 || height <= 0 || plane.length != (long) width * height)
			throw new IllegalArgumentException("Convolution2D: plane of " + (plane == null ? 0 : plane.length)
					+ " values does not match " + width + "×" + height);
		return run(plane, 1, 1, height, width, kernel.valuesShared(), 1, kernel.height(), kernel.width(), 1);
	}

	/** One kernel over every plane of an N×C×H×W tensor: N×C×OH×OW. */
	public Tensor apply(Tensor x, Kernel2D kernel) {
		Objects.requireNonNull(kernel, "Convolution2D: kernel");
		requireRank4(x);
		int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
		float[] y = run(x.data(), n * c, 1, h, w, kernel.valuesShared(), 1, kernel.height(), kernel.width(), 1);
		return new Tensor(y, n, c, outputHeight(h, kernel.height()), outputWidth(w, kernel.width()));
	}

	/** One multi-channel kernel (one 2-D kernel per channel, or one for all) over an N×C×H×W tensor: N×1×OH×OW. */
	public Tensor applyAcrossChannels(Tensor x, Kernel2D... perChannel) {
		requireRank4(x);
		int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
		float[] weights = multiChannelWeights(c, perChannel);
		Kernel2D k = perChannel[0];
		float[] y = run(x.data(), n, c, h, w, weights, 1, k.height(), k.width(), 1);
		return new Tensor(y, n, 1, outputHeight(h, k.height()), outputWidth(w, k.width()));
	}

	/**
	 * Every kernel of {@code bank} (all of one size) over every channel of an N×C×H×W tensor:
	 * N×(C·F)×OH×OW, output channel c·F + f being kernel f over input channel c.
	 */
	public Tensor applyBank(Tensor x, List<Kernel2D> bank) {
		requireRank4(x);
		int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
		float[] weights = bankWeights(c, bank);
		Kernel2D k = bank.get(0);
		float[] y = run(x.data(), n, c, h, w, weights, c * bank.size(), k.height(), k.width(), c);
		return new Tensor(y, n, c * bank.size(), outputHeight(h, k.height()), outputWidth(w, k.width()));
	}

	// ---------------------------------------------------------------- the one place that calls the engine

	/** x N×C_in×H×W, weights C_out×(C_in/groups)×KH×KW → y N×C_out×OH×OW. */
	private float[] run(float[] x, int n, int cin, int h, int w, float[] weights, int cout, int kh, int kw, int groups) {
		if (output == OutputSize.VALID && (kh > h || kw > w))
			throw new IllegalArgumentException("Convolution2D: kernel " + kw + "×" + kh + " is larger than the image "
					+ w + "×" + h + " with VALID output; use SAME output or a smaller kernel");
		int top = 0, left = 0, bottom = 0, right = 0;
		if (output == OutputSize.SAME) {
			top = (kh - 1) / 2;
			bottom = kh - 1 - top;
			left = (kw - 1) / 2;
			right = kw - 1 - left;
		}
		return new BorderedConvolution(engine(), padding, n, cin, h, w, cout, kh, kw, strideY, strideX, groups,
				top, left, bottom, right, threads).run(x, weights);
	}

	private ConvKernels engine() { return kernels != null ? kernels : Kernels.best(); }

	private static float[] multiChannelWeights(int channels, Kernel2D... perChannel) {
		if (perChannel == null || perChannel.length == 0)
			throw new IllegalArgumentException("Convolution2D: no kernel given for " + channels + " channels");
		if (perChannel.length != 1 && perChannel.length != channels)
			throw new IllegalArgumentException("Convolution2D: " + perChannel.length + " kernels for " + channels
					+ " channels; give one kernel per channel or a single kernel for all");
		Kernel2D first = requireSameSize(perChannel);
		int area = first.width() * first.height();
		float[] weights = new float[channels * area];
		for (int c = 0; c < channels; c++)
			System.arraycopy(perChannel[perChannel.length == 1 ? 0 : c].valuesShared(), 0, weights, c * area, area);
		return weights;
	}

	/** C·F kernels of one input channel each: for input channel c, kernel f sits at c·F + f. */
	private static float[] bankWeights(int channels, List<Kernel2D> bank) {
		if (bank == null || bank.isEmpty())
			throw new IllegalArgumentException("Convolution2D: the filter bank is empty");
		Kernel2D first = requireSameSize(bank.toArray(new Kernel2D[0]));
		int area = first.width() * first.height(), f = bank.size();
		float[] weights = new float[channels * f * area];
		for (int c = 0; c < channels; c++)
			for (int i = 0; i < f; i++)
				System.arraycopy(bank.get(i).valuesShared(), 0, weights, (c * f + i) * area, area);
		return weights;
	}

	private static Kernel2D requireSameSize(Kernel2D[] kernels) {
		Kernel2D first = Objects.requireNonNull(kernels[0], "Convolution2D: kernel 1 is null");
		for (int i = 1; i < kernels.length; i++) {
			Kernel2D k = Objects.requireNonNull(kernels[i], "Convolution2D: kernel " + (i + 1) + " is null");
			if (k.width() != first.width() || k.height() != first.height())
				throw new IllegalArgumentException("Convolution2D: kernel " + (i + 1) + " is " + k.width() + "×" + k.height()
						+ " but kernel 1 is " + first.width() + "×" + first.height() + "; all kernels must have one size");
		}
		return first;
	}

	private static void requireRank4(Tensor x) {
		if (x == null) throw new IllegalArgumentException("Convolution2D: no tensor");
		if (x.rank() != 4)
			throw new IllegalArgumentException("Convolution2D: expected an N×C×H×W tensor, got shape " + x.shapeString());
	}

	@Override
	public String toString() {
		return "Convolution2D[" + padding + ", " + output + ", stride " + strideY + "×" + strideX + ", " + threads + " threads]";
	}
}
