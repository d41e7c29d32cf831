package sc.fiji.convnet.ij;

import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/** Turns ImageJ planes into float arrays and back. 8- and 16-bit values are read unsigned and uncalibrated, as Convolver does. */
final class FloatPlanes {

	private FloatPlanes() {}

	/** The pixels as floats; a 32-bit image's own array is returned without copying (never write to it). */
	static float[] toFloatsShared(ImageProcessor ip, String op) {
		if (ip instanceof FloatProcessor) return (float[]) ip.getPixels();
		return toFloats(ip, op);
	}

	/** The pixels as a new float array. */
	static float[] toFloats(ImageProcessor ip, String op) {
		if (ip == null) throw new IllegalArgumentException(op + ": no image");
		int n = ip.getWidth() * ip.getHeight();
		float[] out = new float[n];
		copyInto(ip, out, 0, op);
		return out;
	}

	static void copyInto(ImageProcessor ip, float[] out, int offset, String op) {
		int n = ip.getWidth() * ip.getHeight();
		if (ip instanceof FloatProcessor) {
			System.arraycopy((float[]) ip.getPixels(), 0, out, offset, n);
		} else if (ip instanceof ByteProcessor) {
			byte[] p = (byte[]) ip.getPixels();
			for (int i = 0; i < n; i++) out[offset + i] = p[i] & 0xff;
		} else if (ip instanceof ShortProcessor) {
			short[] p = (short[]) ip.getPixels();
			for (int i = 0; i < n; i++) out[offset + i] = p[i] & 0xffff;
		} else {
			throw new IllegalArgumentException(op + ": " + ip.getClass().getSimpleName() + " (" + ip.getWidth() + "×"
					+ ip.getHeight() + ") is not supported; use an 8-, 16- or 32-bit image (split RGB into channels first)");
		}
	}

	/** All planes of a stack, one after the other (S×H×W). */
	static float[] toFloats(ImageStack stack, String op) {
		if (stack == null || stack.getSize() == 0) throw new IllegalArgumentException(op + ": the stack is empty");
		int w = stack.getWidth(), h = stack.getHeight(), s = stack.getSize();
		long total = (long) w * h * s;
		if (total > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException(op + ": the stack " + w + "×" + h + "×" + s + " holds more than 2^31 pixels; process it in parts");
		float[] out = new float[(int) total];
		for (int i = 0; i < s; i++) copyInto(stack.getProcessor(i + 1), out, i * w * h, op);
		return out;
	}

	/** A 32-bit stack over consecutive planes of {@code data} (each plane copied out). */
	static ImageStack toStack(float[] data, int planes, int w, int h, String[] labels) {
		ImageStack out = new ImageStack(w, h);
		int n = w * h;
		for (int i = 0; i < planes; i++) {
			float[] p = new float[n];
			System.arraycopy(data, i * n, p, 0, n);
			out.addSlice(labels == null ? null : labels[i], p);
		}
		return out;
	}
}
