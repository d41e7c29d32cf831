package sc.fiji.convnet.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.model.TestData;


class NpyTest {

	@TempDir
	Path tmp;

	@Test
	void readsNumpyWrittenFileAndWritesItBackByteForByte() throws Exception {
		Path file = TestData.require(TestData.UNET.resolve("test_input.npy"));
		byte[] bytes = Files.readAllBytes(file);
		Npy.Header h = Npy.header(bytes, file.toString());
		assertEquals("<f4", h.descr());
		assertArrayEquals(new int[] { 1, 1, 512, 512 }, h.shape());
		Tensor t = Npy.read(file);
		// the value at [0,0,3,5] read straight from the bytes
		float direct = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(h.dataOffset() + 4 * (3 * 512 + 5));
		assertEquals(direct, t.get(0, 0, 3, 5));
		// our writer produces what numpy wrote (same header layout, same data)
		assertArrayEquals(bytes, Npy.toBytes(t));
	}

	@Test
	void roundTripsAnyRank() throws Exception {
		for (int[] shape : new int[][] { { 5 }, { 2, 3 }, { 2, 1, 3, 4 }, {} }) {
			Tensor t = Tensor.zeros(shape);
			for (int i = 0; i < t.size(); i++) t.data()[i] = i * 0.5f - 1;
			Path f = tmp.resolve("t" + shape.length + ".npy");
			Npy.write(f, t);
			Tensor back = Npy.read(f);
			assertArrayEquals(shape, back.shape());
			assertArrayEquals(t.data(), back.data());
			assertEquals(0, (Files.size(f) - 4L * t.size()) % 64, "data starts at a multiple of 64");
		}
	}

	@Test
	void readsOtherTypesBigEndianAndFortranOrder() {
		// int16 big-endian 2x3, Fortran order: memory holds columns [1,4],[2,5],[3,6]
		ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
		for (short v : new short[] { 1, 4, 2, 5, 3, 6 }) data.putShort(v);
		Tensor t = Npy.read(file("{'descr': '>i2', 'fortran_order': True, 'shape': (2, 3), }", data.array()), "f.npy");
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6 }, t.data());

		byte[] u8 = { (byte) 200, 3 };
		assertArrayEquals(new float[] { 200, 3 }, Npy.read(file("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", u8), "u.npy").data());

		ByteBuffer half = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
		half.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001); // 1, -2, smallest subnormal
		assertArrayEquals(new float[] { 1, -2, 0x1p-24f }, Npy.read(file("{'descr': '<f2', 'fortran_order': False, 'shape': (3,), }", half.array()), "h.npy").data());
	}

	@Test
	void brokenFilesAreNamed() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read("hello".getBytes(), "x.npy"));
		assertTrue(e.getMessage().contains("x.npy"));
		byte[] ok = file("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", new byte[16]);
		e = assertThrows(IllegalArgumentException.class, () -> Npy.read(Arrays.copyOf(ok, ok.length - 2), "cut.npy"));
		assertTrue(e.getMessage().contains("cut.npy") && e.getMessage().contains("truncated"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Npy.read(file("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]), "c.npy"));
		assertTrue(e.getMessage().contains("<c8"), e.getMessage());
		for (int len = 0; len < 60; len++) {
			byte[] cut = Arrays.copyOf(ok, len);
			assertThrows(IllegalArgumentException.class, () -> Npy.read(cut, "cut.npy"));
		}
	}

	static byte[] file(String dict, byte[] data) {
		StringBuilder h = new StringBuilder(dict);
		while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
		h.append('\n');
		ByteBuffer b = ByteBuffer.allocate(10 + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 }).putShort((short) h.length());
		b.put(h.toString().getBytes(StandardCharsets.US_ASCII)).put(data);
		return b.array();
	}
}
