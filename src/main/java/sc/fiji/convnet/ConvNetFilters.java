package sc.fiji.convnet;

import ij.ImagePlus;
import sc.fiji.convnet.filters.GaborBank;
import sc.fiji.convnet.ij.FilterChoices;
import sc.fiji.convnet.ij.ImageFilters;
import sc.fiji.convnet.predict.Progress;

/**
 * The chapter's classic filters (Plugins › ConvNet › Filters) for macros and Jython scripts: convolution with a typed
 * kernel, edge maps, the Gabor bank, pooling and up-sampling. Each returns a new image; the input is not modified.
 * <pre>
 * from sc.fiji.convnet import ConvNetFilters
 * ConvNetFilters.edges(imp, "magnitude").show()
 * </pre>
 */
public final class ConvNetFilters {

	private ConvNetFilters() {}

	/**
	 * Convolves every plane with a kernel typed as rows of numbers ({@code "-1 0 1; -2 0 2; -1 0 1"}):
	 * padding {@code zero|reflect|replicate}, output {@code same|valid}; with {@code acrossChannels} all
	 * channels form one multi-channel filter (one kernel for all, or one per channel separated by {@code ---}).
	 * A new 32-bit image; the input is not modified.
	 */
	public static ImagePlus convolve(ImagePlus imp, String kernel, boolean normalize, String padding, String output, int stride,
			boolean acrossChannels, Progress progress) {
		return ImageFilters.convolve(imp, kernel, normalize, FilterChoices.padding(padding), FilterChoices.outputSize(output), stride,
				acrossChannels, progress);
	}

	public static ImagePlus convolve(ImagePlus imp, String kernel, boolean normalize, String padding, String output, int stride,
			boolean acrossChannels) {
		return convolve(imp, kernel, normalize, padding, output, stride, acrossChannels, Progress.NONE);
	}

	/** The kernel as typed, replicated borders, same size, stride 1, every plane (ImageJ Convolver's geometry). */
	public static ImagePlus convolve(ImagePlus imp, String kernel) {
		return convolve(imp, kernel, false, "replicate", "same", 1, false);
	}

	/** Edge maps of eqs. 10.3/10.4: {@code vertical|horizontal} (signed), {@code magnitude} or {@code all}. */
	public static ImagePlus edges(ImagePlus imp, String which, Progress progress) {
		return ImageFilters.edges(imp, FilterChoices.edgeOutput(which), progress);
	}

	public static ImagePlus edges(ImagePlus imp, String which) {
		return edges(imp, which, Progress.NONE);
	}

	/** A bank of every θ (evenly spread over [0, π)) × ω × φ, sharing α, β and the kernel size. */
	public static GaborBank gaborBank(int orientations, double[] frequencies, double[] phases, double alpha, double beta, int size) {
		return GaborBank.builder().orientations(GaborBank.evenOrientations(orientations)).frequencies(frequencies).phases(phases)
				.alpha(alpha).beta(beta).size(size).build();
	}

	/** One feature map per filter of the bank, as a labelled stack (channels of a hyperstack). */
	public static ImagePlus gaborBank(ImagePlus imp, GaborBank bank, Progress progress) {
		return ImageFilters.gaborBank(imp, bank, progress);
	}

	public static ImagePlus gaborBank(ImagePlus imp, GaborBank bank) {
		return gaborBank(imp, bank, Progress.NONE);
	}

	/** The bank as one picture (Fig. 10.11). */
	public static ImagePlus gaborMontage(GaborBank bank) {
		return ImageFilters.gaborMontage(bank);
	}

	/** {@code max|average} pooling of every plane over size×size windows, {@code stride} apart. */
	public static ImagePlus pool(ImagePlus imp, String mode, int size, int stride, Progress progress) {
		return ImageFilters.pool(imp, FilterChoices.poolMode(mode), size, stride, progress);
	}

	public static ImagePlus pool(ImagePlus imp, String mode, int size, int stride) {
		return pool(imp, mode, size, stride, Progress.NONE);
	}

	/** {@code nearest|bilinear} up-sampling of every plane by an integer factor. */
	public static ImagePlus upsample(ImagePlus imp, String method, int factor, Progress progress) {
		return ImageFilters.upsample(imp, FilterChoices.upsampleMethod(method), factor, progress);
	}

	public static ImagePlus upsample(ImagePlus imp, String method, int factor) {
		return upsample(imp, method, factor, Progress.NONE);
	}
}
