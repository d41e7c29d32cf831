package sc.fiji.convnet.onnx.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.CodedOutputStream;

import sc.fiji.convnet.onnx.TinyOnnx;
import sc.fiji.convnet.onnx.TinyOnnx.Body;

/**
 * Messages encoded with protobuf's own {@link CodedOutputStream} (field numbers from onnx.proto), read back: every
 * attribute type, every way of storing tensor data, packed and unpacked repeated fields, and the refusals.
 */
class HandEncodedOnnxTest {

	static byte[] msg(Body body) { return TinyOnnx.message(body); }

	static byte[] model(byte[] graph) {
		return msg(m -> {
			m.writeInt64(1, 9);
			m.writeString(2, "hand");
			m.writeByteArray(8, msg(o -> o.writeInt64(2, 17)));
			m.writeByteArray(8, msg(o -> { o.writeString(1, "com.example"); o.writeInt64(2, 1); }));
			m.writeByteArray(7, graph);
			m.writeByteArray(14, msg(kv -> { kv.writeString(1, "author"); kv.writeString(2, "me"); }));
		});
	}

	static byte[] floatTensorRaw(String name, float[] v, long... dims) {
		ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
		for (float x : v) b.putFloat(x);
		return msg(t -> {
			for (long d : dims) t.writeInt64(1, d);
			t.writeInt32(2, 1);
			t.writeString(8, name);
			t.writeByteArray(9, b.array());
		});
	}

	static byte[] attr(String name, int type, Body value) {
		return msg(a -> { a.writeString(1, name); a.writeInt32(20, type); value.write(a); });
	}

	@Test
	void everyAttributeType() {
		byte[] sub = msg(g -> { g.writeString(2, "body"); g.writeByteArray(1, msg(n -> { n.writeString(1, "a"); n.writeString(2, "b"); n.writeString(4, "Identity"); })); });
		byte[] node = msg(n -> {
			n.writeString(1, "x");
			n.writeString(1, ""); // omitted optional input
			n.writeString(2, "y");
			n.writeString(3, "n0");
			n.writeString(4, "Custom");
			n.writeString(7, "com.example");
			n.writeByteArray(5, attr("f", 1, a -> a.writeFloat(2, 0.25f)));
			n.writeByteArray(5, attr("i", 2, a -> a.writeInt64(3, -7)));
			n.writeByteArray(5, attr("s", 3, a -> a.writeByteArray(4, "héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
			n.writeByteArray(5, attr("t", 4, a -> a.writeByteArray(5, floatTensorRaw("c", new float[] { 1, 2 }, 2))));
			n.writeByteArray(5, attr("g", 5, a -> a.writeByteArray(6, sub)));
			n.writeByteArray(5, attr("fs", 6, a -> { a.writeFloat(7, 1.5f); a.writeFloat(7, -2f); })); // unpacked
			n.writeByteArray(5, attr("is", 7, a -> { // packed
				byte[] packed = msg(p -> { p.writeInt64NoTag(3); p.writeInt64NoTag(-1); p.writeInt64NoTag(1L << 40); });
				a.writeByteArray(8, packed);
			}));
			n.writeByteArray(5, attr("ss", 8, a -> { a.writeString(9, "a"); a.writeString(9, "b"); }));
			n.writeByteArray(5, attr("ts", 9, a -> { a.writeByteArray(10, floatTensorRaw("t1", new float[] { 3 })); a.writeByteArray(10, floatTensorRaw("t2", new float[] { 4, 5 }, 2)); }));
			n.writeByteArray(5, attr("gs", 10, a -> { a.writeByteArray(11, sub); a.writeByteArray(11, sub); }));
			n.writeByteArray(5, attr("sp", 11, a -> a.writeByteArray(22, msg(sp -> {
				sp.writeByteArray(1, floatTensorRaw("v", new float[] { 9 }, 1));
				sp.writeByteArray(2, msg(t -> { t.writeInt64(1, 1); t.writeInt32(2, 7); t.writeInt64(7, 3); }));
				sp.writeInt64(3, 5);
			}))));
			n.writeByteArray(5, attr("tp", 13, a -> a.writeByteArray(14, msg(tp -> tp.writeByteArray(1, msg(tt -> tt.writeInt32(1, 7)))))));
			n.writeByteArray(5, msg(a -> { a.writeString(1, "legacy"); a.writeInt64(3, 42); })); // IR 1: no type field
			n.writeByteArray(5, msg(a -> { a.writeString(1, "ref"); a.writeString(21, "alpha"); a.writeInt32(20, 1); }));
		});
		OnnxModel m = OnnxReader.read(model(msg(g -> g.writeByteArray(1, node))), "hand.onnx");
		assertEquals(9, m.irVersion());
		assertEquals(17, m.opsetVersion());
		assertEquals("me", m.metadata().get("author"));
		assertEquals(2, m.opsetImports().size());
		OnnxNode n = m.graph().nodes().get(0);
		assertEquals(List.of("x", ""), n.inputs());
		assertEquals("com.example", n.domain());
		assertEquals(0.25f, n.attribute("f").asFloat());
		assertEquals(-7, n.getInt("i", 0));
		assertEquals("héllo", n.getString("s", null));
		assertArrayEquals(new float[] { 1, 2 }, n.attribute("t").asTensor().toFloatArray());
		assertEquals("Identity", n.attribute("g").asGraph().nodes().get(0).opType());
		assertArrayEquals(new float[] { 1.5f, -2f }, n.attribute("fs").asFloats());
		assertArrayEquals(new long[] { 3, -1, 1L << 40 }, n.attribute("is").asInts());
		assertEquals(List.of("a", "b"), n.attribute("ss").asStrings());
		assertEquals(2, n.attribute("ts").asTensors().size());
		assertEquals(2, n.attribute("gs").asGraphs().size());
		OnnxSparseTensor sp = n.attribute("sp").sparseTensor();
		assertArrayEquals(new long[] { 5 }, sp.dims());
		assertArrayEquals(new long[] { 3 }, sp.indices().toLongArray());
		assertEquals(DataType.INT64, n.attribute("tp").tp().elementType());
		assertEquals(AttributeType.INT, n.attribute("legacy").type());
		assertEquals(42, n.attribute("legacy").asInt());
		assertEquals("alpha", n.attribute("ref").refAttrName());
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> n.attribute("i").asFloat());
		assertTrue(e.getMessage().contains("'i' is INT"), e.getMessage());
		assertThrows(OnnxFormatException.class, () -> n.attribute("is").asIntArray());
	}

	@Test
	void everyWayToStoreTensorData() {
		// typed fields
		OnnxTensor f = tensor(t -> { t.writeInt64(1, 2); t.writeInt32(2, 1); t.writeFloat(4, 1.5f); t.writeFloat(4, -3f); });
		assertArrayEquals(new float[] { 1.5f, -3f }, f.toFloatArray());
		OnnxTensor d = tensor(t -> { t.writeInt64(1, 2); t.writeInt32(2, 11); t.writeByteArray(10, msg(p -> { p.writeDoubleNoTag(0.1); p.writeDoubleNoTag(1e300); })); });
		assertArrayEquals(new double[] { 0.1, 1e300 }, d.toDoubleArray());
		OnnxTensor l = tensor(t -> { t.writeInt64(1, 3); t.writeInt32(2, 7); t.writeInt64(7, Long.MIN_VALUE); t.writeInt64(7, 0); t.writeInt64(7, 5); });
		assertArrayEquals(new long[] { Long.MIN_VALUE, 0, 5 }, l.toLongArray());
		OnnxTensor i8 = tensor(t -> { t.writeInt64(1, 2); t.writeInt32(2, 3); t.writeInt32(5, -128); t.writeInt32(5, 127); });
		assertArrayEquals(new long[] { -128, 127 }, i8.toLongArray());
		OnnxTensor h = tensor(t -> { t.writeInt64(1, 2); t.writeInt32(2, 10); t.writeInt32(5, 0x3c00); t.writeInt32(5, 0xc000); });
		assertArrayEquals(new float[] { 1, -2 }, h.toFloatArray());
		OnnxTensor u64 = tensor(t -> { t.writeInt64(1, 1); t.writeInt32(2, 13); t.writeUInt64(11, 12345678901L); });
		assertArrayEquals(new long[] { 12345678901L }, u64.toLongArray());
		OnnxTensor s = tensor(t -> { t.writeInt64(1, 2); t.writeInt32(2, 8); t.writeString(6, "x"); t.writeString(6, "yz"); });
		assertEquals(List.of("x", "yz"), s.strings());
		// raw_data, little-endian
		ByteBuffer raw = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) -2).putShort((short) 0xfff0).putInt(7).putFloat(0);
		OnnxTensor i16 = tensor(t -> { t.writeInt64(1, 2); t.writeInt32(2, 5); t.writeByteArray(9, java.util.Arrays.copyOf(raw.array(), 4)); });
		assertArrayEquals(new long[] { -2, -16 }, i16.toLongArray());
		OnnxTensor u16 = tensor(t -> { t.writeInt64(1, 2); t.writeInt32(2, 4); t.writeByteArray(9, java.util.Arrays.copyOf(raw.array(), 4)); });
		assertArrayEquals(new long[] { 65534, 65520 }, u16.toLongArray());
		OnnxTensor bf = tensor(t -> { t.writeInt64(1, 1); t.writeInt32(2, 16); t.writeByteArray(9, new byte[] { (byte) 0x80, 0x3f }); });
		assertArrayEquals(new float[] { 1 }, bf.toFloatArray());
		OnnxTensor scalar = tensor(t -> { t.writeInt32(2, 1); t.writeFloat(4, 7); });
		assertEquals(0, scalar.rank());
		assertArrayEquals(new float[] { 7 }, scalar.toFloatArray());
		OnnxTensor empty = tensor(t -> { t.writeInt64(1, 0); t.writeInt64(1, 3); t.writeInt32(2, 1); });
		assertEquals(0, empty.elementCount());
	}

	@Test
	void refusals() {
		refused(t -> { t.writeInt64(1, 3); t.writeInt32(2, 1); t.writeFloat(4, 1); }, "1 values in float_data for 3 elements");
		refused(t -> { t.writeInt64(1, 2); t.writeInt32(2, 1); t.writeByteArray(9, new byte[7]); }, "7 bytes of raw_data");
		refused(t -> { t.writeInt64(1, 2); t.writeInt32(2, 99); }, "unknown data_type 99");
		refused(t -> { t.writeInt64(1, -2); t.writeInt32(2, 1); }, "negative dimension");
		refused(t -> { t.writeInt64(1, 1L << 40); t.writeInt64(1, 1L << 40); t.writeInt32(2, 1); }, "overflow");
		refused(t -> {
			t.writeString(8, "w");
			t.writeInt64(1, 1);
			t.writeInt32(2, 1);
			t.writeByteArray(13, msg(kv -> { kv.writeString(1, "location"); kv.writeString(2, "weights.bin"); }));
			t.writeInt32(14, 1);
		}, "external file [location=weights.bin]");
		refused(t -> t.writeString(2, "float"), "wire type 2"); // data_type as a string
		OnnxFormatException e = assertThrows(OnnxFormatException.class,
				() -> OnnxReader.read(model(msg(g -> g.writeByteArray(1, msg(n -> n.writeString(1, "x"))))), "noop.onnx"));
		assertTrue(e.getMessage().contains("noop.onnx: graph.node[0]: node without op_type"), e.getMessage());
		e = assertThrows(OnnxFormatException.class, () -> OnnxReader.read(msg(m -> m.writeInt64(1, 7)), "nograph.onnx"));
		assertTrue(e.getMessage().contains("no graph"), e.getMessage());
		assertThrows(OnnxFormatException.class, () -> OnnxReader.read(new byte[0], "empty.onnx"));
	}

	static OnnxTensor tensor(Body body) {
		return OnnxReader.readTensor(msg(body), "t.pb");
	}

	static void refused(Body body, String part) {
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> tensor(body));
		assertTrue(e.getMessage().contains(part) && e.getMessage().startsWith("t.pb"), e.getMessage());
	}
}
