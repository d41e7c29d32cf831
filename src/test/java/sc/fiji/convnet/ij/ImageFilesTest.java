package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;

/** Bad inputs refused before anything large is allocated. */
class ImageFilesTest {

	@TempDir Path dir;

	@Test
	void aTiffCutInHalfIsRefused() throws IOException {
		Path whole = dir.resolve("whole.tif"), half = dir.resolve("half.tif");
		IJ.saveAsTiff(new ImagePlus("x", new ShortProcessor(64, 64)), whole.toString());
		byte[] b = Files.readAllBytes(whole);
		Files.write(half, Arrays.copyOf(b, b.length / 2));
		assertEquals(64, ImageFiles.open(whole.toFile()).getWidth());
		IOException e = assertThrows(IOException.class, () -> ImageFiles.open(half.toFile()));
		assertTrue(e.getMessage().startsWith("truncated TIFF"), e.getMessage());
	}

	@Test
	void aHeaderOf100000x100000PixelsIsRefusedWithoutAllocating() throws IOException {
		Path f = dir.resolve("huge.tif");
		Files.write(f, tiffHeader(100_000, 100_000));
		long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
		IOException e = assertThrows(IOException.class, () -> ImageFiles.open(f.toFile()));
		assertTrue(e.getMessage().contains("10000000000 pixels per plane"), e.getMessage());
		long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
		assertTrue(after - before < 500_000_000L, "nothing large allocated");
	}

	@Test
	void nonFinitePixelsAreCounted() {
		FloatProcessor fp = new FloatProcessor(10, 10);
		fp.setf(3, Float.NaN);
		fp.setf(7, Float.POSITIVE_INFINITY);
		assertEquals(2, ImageFiles.nonFinite(new ImagePlus("nan", fp)));
		assertEquals(0, ImageFiles.nonFinite(new ImagePlus("int", new ShortProcessor(4, 4))));
	}

	/** A little-endian 8-bit TIFF header claiming width×height pixels, with only a few bytes of data. */
	static byte[] tiffHeader(int width, int height) {
		ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		short[][] tags = { { 256, 4 }, { 257, 4 }, { 258, 3 }, { 259, 3 }, { 262, 3 }, { 273, 4 }, { 277, 3 }, { 278, 4 }, { 279, 4 } };
		long[] values = { width, height, 8, 1, 1, 200, 1, height, 0xFFFFFFFFL };
		b.putShort((short) tags.length);
		for (int i = 0; i < tags.length; i++) {
			b.putShort(tags[i][0]).putShort(tags[i][1]).putInt(1);
			if (tags[i][1] == 3) b.putShort((short) values[i]).putShort((short) 0);
			else b.putInt((int) values[i]);
		}
		b.putInt(0);
		return b.array();
	}
}
