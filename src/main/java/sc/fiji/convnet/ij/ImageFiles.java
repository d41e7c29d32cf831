package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.io.TiffDecoder;

/**
 * Opens image files for batch work and refuses bad ones before anything large is allocated: a TIFF whose strips
 * end past the end of the file (cut short by a full disk or an interrupted copy), a header whose size does not fit
 * one ImageJ plane (more than 2^31−1 pixels) or the Java heap, files that are not images. Sizes are computed in
 * {@code long}.
 */
public final class ImageFiles {

	private ImageFiles() {}

	/** Image file endings ImageJ reads; a file with one of them that fails to open is a failure, not a non-image. */
	private static final Set<String> IMAGE_ENDINGS = Set.of("tif", "tiff", "png", "jpg", "jpeg", "gif", "bmp", "pgm", "ppm", "pnm", "dcm",
			"dicom", "fits", "fit", "fts", "lsm", "zip", "avi", "raw", "img", "hdr", "nrrd", "nhdr", "ics", "ids", "mha", "mhd");

	/** An image ending, or content ImageJ recognises as an image. */
	public static boolean looksLikeImage(File file) {
		String name = file.getName().toLowerCase(Locale.ROOT);
		int dot = name.lastIndexOf('.');
		if (dot > 0 && IMAGE_ENDINGS.contains(name.substring(dot + 1))) return true;
		int type = new Opener().getFileType(file.getPath());
		return type != Opener.UNKNOWN && type != Opener.TEXT && type != Opener.JAVA_OR_TEXT && type != Opener.ROI && type != Opener.TABLE;
	}

	/** Opens an image file, with one-line messages for the usual failures; the header is checked first. */
	public static ImagePlus open(File file) throws IOException {
		if (!file.canRead()) throw new IOException("cannot read the file");
		int type = new Opener().getFileType(file.getPath());
		if (type == Opener.UNKNOWN || type == Opener.TEXT || type == Opener.JAVA_OR_TEXT || type == Opener.ROI || type == Opener.ZIP)
			throw new IOException("not an image ImageJ can open");
		if (type == Opener.TIFF || type == Opener.TIFF_AND_DICOM) checkTiff(file);
		else checkImageIoHeader(file);
		ImagePlus imp = new Opener().openImage(file.getPath());
		if (imp == null || imp.getWidth() == 0) throw new IOException("not a readable image (corrupt or unsupported)");
		return imp;
	}

	/** Every image of a TIFF: plane sizes, memory, and that the data the header points to lies within the file. */
	static void checkTiff(File file) throws IOException {
		FileInfo[] info;
		try {
			info = new TiffDecoder(file.getAbsoluteFile().getParent() + File.separator, file.getName()).getTiffInfo();
		} catch (IOException | RuntimeException e) {
			throw new IOException("not a readable TIFF (" + e.getMessage() + ")");
		}
		if (info == null || info.length == 0) throw new IOException("not a readable TIFF (no image directory)");
		long fileSize = file.length(), total = 0, end = 0;
		for (FileInfo fi : info) {
			long planeBytes = checkSize(fi.width, fi.height, fi.getBytesPerPixel());
			int n = Math.max(1, fi.nImages);
			total += planeBytes * n;
			if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length == fi.stripLengths.length)
				for (int s = 0; s < fi.stripOffsets.length; s++)
					end = Math.max(end, (fi.stripOffsets[s] & 0xffffffffL) + (fi.stripLengths[s] & 0xffffffffL));
			if (fi.compression <= FileInfo.COMPRESSION_NONE) end = Math.max(end, fi.getOffset() + planeBytes * n + (long) Math.max(0, n - 1) * fi.gapBetweenImages);
		}
		if (end > fileSize)
			throw new IOException("truncated TIFF: its header places image data up to byte " + end + " but the file has " + fileSize
					+ " bytes (cut short by a full disk or an interrupted copy?)");
		checkMemory(total);
	}

	/** PNG, JPEG, GIF, BMP: the size from the header, without decoding. */
	private static void checkImageIoHeader(File file) throws IOException {
		try (ImageInputStream in = ImageIO.createImageInputStream(file)) {
			if (in == null) return;
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) return; // ImageJ's own readers decide
			ImageReader r = readers.next();
			try {
				r.setInput(in, true, true);
				long w = r.getWidth(0), h = r.getHeight(0);
				checkMemory(checkSize(w, h, 4));
			} catch (IOException | RuntimeException e) {
				if (e.getMessage() != null && e.getMessage().startsWith("image of ")) throw e;
				throw new IOException("not a readable image (" + e.getMessage() + ")");
			} finally {
				r.dispose();
			}
		}
	}

	/** Bytes of one plane; refuses sizes ImageJ cannot hold (counted in long, so nothing overflows). */
	static long checkSize(long width, long height, int bytesPerPixel) throws IOException {
		if (width <= 0 || height <= 0) throw new IOException("image of " + width + "×" + height + " pixels: the header is damaged");
		long pixels = width * height; // both below 2^32: no overflow in long
		if (pixels > Integer.MAX_VALUE)
			throw new IOException("image of " + width + "×" + height + " = " + pixels + " pixels per plane: more than ImageJ can hold in one plane (2^31−1); "
					+ "use block-wise segmentation (Segment Large Image) on a format read in blocks, or crop the image");
		return pixels * Math.max(1, bytesPerPixel);
	}

	private static void checkMemory(long bytes) throws IOException {
		Runtime rt = Runtime.getRuntime();
		long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
		if (bytes > free)
			throw new IOException(String.format(Locale.ROOT, "image needs %.1f GB to load but Java has %.1f GB free (maximum heap %.1f GB); "
					+ "use block-wise segmentation (Segment Large Image) or give Java more memory (-Xmx)", bytes / 1e9, free / 1e9, rt.maxMemory() / 1e9));
	}

	/** How many pixels of a 32-bit image are NaN or infinite (0 for integer images). */
	public static long nonFinite(ImagePlus imp) {
		if (imp.getBitDepth() != 32) return 0;
		ImageStack stack = imp.getStack();
		long n = 0;
		for (int s = 1; s <= stack.getSize(); s++)
			for (float v : (float[]) stack.getPixels(s)) if (!Float.isFinite(v)) n++;
		return n;
	}
}
