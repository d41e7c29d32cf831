package sc.fiji.convnet.ij;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;

/**
 * Turns the planes a filter computed into the result ImagePlus: hyperstack dimensions, a calibration that
 * still maps every output pixel to the right place in the specimen, and a display range that shows signed
 * maps with 0 as mid-grey.
 */
final class FilterResults {

	private FilterResults() {}

	/**
	 * The input's calibration for an output pixel grid where output pixel {@code o} sits at input pixel
	 * position {@code o·scale + offset} (in x and y alike): pixel size × scale, origin moved accordingly.
	 * Values are raw 32-bit results, so any density calibration (8/16-bit function) is dropped.
	 */
	static Calibration resampled(ImagePlus input, double scale, double offsetX, double offsetY) {
		Calibration cal = input.getCalibration().copy();
		cal.pixelWidth *= scale;
		cal.pixelHeight *= scale;
		cal.xOrigin = (cal.xOrigin - offsetX) / scale;
		cal.yOrigin = (cal.yOrigin - offsetY) / scale;
		cal.disableDensityCalibration();
		return cal;
	}

	/**
	 * A 32-bit image of {@code stack} with the given channels, slices and frames. It is a composite image
	 * in the input's mode when the input was composite and kept its channel count.
	 */
	static ImagePlus image(ImagePlus input, String suffix, ImageStack stack, int channels, int slices, int frames, Calibration cal) {
		if (stack.getSize() != channels * slices * frames)
			throw new IllegalStateException("FilterResults: " + stack.getSize() + " planes for " + channels + "×" + slices + "×" + frames);
		ImagePlus out = new ImagePlus(input.getShortTitle() + "-" + suffix, stack);
		out.setDimensions(channels, slices, frames);
		out.setCalibration(cal);
		if (out.getNDimensions() > 3) out.setOpenAsHyperStack(true);
		if (input.isComposite() && channels == input.getNChannels() && channels > 1) {
			CompositeImage ci = new CompositeImage(out, ((CompositeImage) input).getMode());
			ci.setCalibration(cal);
			for (int c = 1; c <= channels; c++) {
				ci.setPositionWithoutUpdate(c, 1, 1);
				double[] r = range(stack, c, channels);
				ci.setDisplayRange(r[0], r[1]);
			}
			ci.setPositionWithoutUpdate(1, 1, 1);
			return ci;
		}
		double[] r = range(stack, 1, 1);
		out.setDisplayRange(r[0], r[1]);
		return out;
	}

	/** Min and max over planes first, first + step, ...; symmetric about 0 when the values have both signs. */
	static double[] range(ImageStack stack, int first, int step) {
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (int i = first; i <= stack.getSize(); i += step)
			for (float v : (float[]) stack.getPixels(i)) {
				if (v < min) min = v;
				if (v > max) max = v;
			}
		if (!(min <= max)) return new double[] { 0, 1 };
		if (min < 0 && max > 0) {
			double m = Math.max(-min, max);
			return new double[] { -m, m };
		}
		return min == max ? new double[] { min - 0.5, max + 0.5 } : new double[] { min, max };
	}

	/** Reports progress and stops when the user cancelled. */
	static void step(Progress progress, int done, int total) {
		progress.update(done, total);
		if (done < total && progress.cancelled()) throw new CancelledException();
	}
}
