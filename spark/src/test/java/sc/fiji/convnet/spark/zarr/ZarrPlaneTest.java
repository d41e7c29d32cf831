package sc.fiji.convnet.spark.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.process.ShortProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.real.FloatType;

/** The Zarr v2 / OME-Zarr reading and writing the Spark job uses, on small arrays with edge chunks. */
class ZarrPlaneTest {

	@TempDir
	Path dir;

	@Test
	void aSixteenBitImageRoundTripsThroughPaddedEdgeChunks() throws IOException {
		ShortProcessor ip = new ShortProcessor(70, 45);
		for (int y = 0; y < 45; y++) for (int x = 0; x < 70; x++) ip.set(x, y, 1000 * (y % 7) + x);
		ZarrPlane z = ImageToZarr.write(ip, dir.resolve("img.zarr"), 32);
		assertEquals("<u2", z.array().dtype());
		assertEquals(3, z.chunkColumns());
		assertEquals(2, z.chunkRows());
		assertTrue(Files.readString(dir.resolve("img.zarr/.zattrs")).contains("multiscales"));
		assertTrue(Files.isRegularFile(dir.resolve("img.zarr/0/1.2")), "chunk keys are row.column");
		RandomAccess<FloatType> a = z.floats(2).randomAccess();
		for (int y = 0; y < 45; y++)
			for (int x = 0; x < 70; x++) assertEquals(1000 * (y % 7) + x, a.setPositionAndGet(x, y).get(), 0, x + ", " + y);
	}

	@Test
	void labelsAreUint32AndUnwrittenChunksReadZero() throws IOException {
		ZarrPlane l = ZarrPlane.createLabels(dir.resolve("labels.zarr"), 50, 40, 16, 16);
		int[] chunk = new int[16 * 16];
		chunk[3] = -1; // 2^32 - 1 as uint32
		chunk[17] = 7;
		l.writeChunk(1, 2, chunk);
		ZarrPlane back = ZarrPlane.open(dir.resolve("labels.zarr"));
		assertEquals("<u4", back.array().dtype());
		assertEquals(4294967295.0, back.readChunk(1, 2)[3], 1);
		assertEquals(7, back.readChunk(1, 2)[17]);
		assertEquals(0, back.readChunk(0, 0)[0]);
		assertTrue(Files.readString(dir.resolve("labels.zarr/.zattrs")).contains("image-label"));
	}

	@Test
	void bloscIsRefusedWithAHint() throws IOException {
		Path a = Files.createDirectories(dir.resolve("blosc.zarr"));
		Files.writeString(a.resolve(".zarray"), "{\"zarr_format\":2,\"shape\":[10,10],\"chunks\":[5,5],\"dtype\":\"<u2\",\"compressor\":{\"id\":\"blosc\",\"cname\":\"lz4\"},"
				+ "\"fill_value\":0,\"order\":\"C\",\"filters\":null}");
		IOException e = assertThrows(IOException.class, () -> ZarrPlane.open(a));
		assertTrue(e.getMessage().contains("zlib"), e.getMessage());
	}
}
