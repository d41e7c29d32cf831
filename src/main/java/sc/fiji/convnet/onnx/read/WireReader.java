package sc.fiji.convnet.onnx.read;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import sc.fiji.convnet.onnx.read.PrimitiveLists.DoubleList;
import sc.fiji.convnet.onnx.read.PrimitiveLists.FloatList;
import sc.fiji.convnet.onnx.read.PrimitiveLists.LongList;

/**
 * The protobuf wire format read field by field with {@link CodedInputStream}: nested messages within their limits,
 * strings, varints and repeated scalars (packed or not). Errors name the source and the path to the field.
 */
class WireReader {

	/** Deepest nesting of graphs in attributes (If/Loop bodies) that is accepted. */
	static final int MAX_DEPTH = 64;

	/** Reads a message body; may throw IOException from protobuf. */
	interface Body<T> { T read() throws IOException; }

	/** Handles one field; returns false to skip it. */
	interface Field { boolean read(int number, int wireType) throws IOException; }

	final CodedInputStream in;
	final String source;
	final int length;
	final Deque<String> where = new ArrayDeque<>();
	/** false: raw tensor data is checked for size but not converted to arrays */
	boolean materialize = true;

	WireReader(byte[] bytes, String source) {
		this.in = CodedInputStream.newInstance(bytes);
		this.in.enableAliasing(true); // raw_data stays a view of the file's bytes until converted
		this.in.setRecursionLimit(MAX_DEPTH);
		this.source = source;
		this.length = bytes.length;
	}

	OnnxFormatException error(String what) {
		return new OnnxFormatException(source + ": " + (where.isEmpty() ? "" : String.join(".", where) + ": ") + what);
	}

	<T> T top(Body<T> body) {
		try {
			return body.read();
		} catch (IOException e) { // InvalidProtocolBufferException: truncated, malformed varint, bad tag ...
			throw error("not a valid protobuf (" + e.getMessage() + ")");
		} catch (ArithmeticException e) { // Math.*Exact on sizes
			throw error("sizes overflow: " + e.getMessage());
		}
	}

	/** Reads every field of the current message (up to the pushed limit) with {@code field}. */
	void fields(Field field) throws IOException {
		while (true) {
			int tag = in.readTag();
			if (tag == 0) return;
			int number = WireFormat.getTagFieldNumber(tag), wire = WireFormat.getTagWireType(tag);
			if (number == 0) throw error("field number 0");
			if (!field.read(number, wire)) {
				if (wire == WireFormat.WIRETYPE_END_GROUP) throw error("unexpected end-group tag");
				if (!in.skipField(tag)) throw error("unexpected end-group tag");
			}
		}
	}

	/** A length-delimited sub-message, read within its limit. */
	<T> T nested(int wire, String name, Body<T> body) throws IOException {
		expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
		int len = in.readRawVarint32();
		if (len < 0) throw error(name + ": negative length " + len);
		if (where.size() >= MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
		int old = in.pushLimit(len);
		where.addLast(name);
		T result = body.read();
		if (!in.isAtEnd()) throw error("message not fully read");
		where.removeLast();
		in.popLimit(old);
		return result;
	}

	void expectWire(int wire, int expected, String name) {
		if (wire != expected) throw error(name + " has wire type " + wire + ", expected " + expected);
	}

	String string(int wire, String name) throws IOException {
		expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
		return in.readBytes().toStringUtf8();
	}

	long varint(int wire, String name) throws IOException {
		expectWire(wire, WireFormat.WIRETYPE_VARINT, name);
		return in.readInt64();
	}

	// ---- repeated scalars, packed or not

	void readFloats(int wire, FloatList out, String name) throws IOException {
		if (wire == WireFormat.WIRETYPE_FIXED32) { out.add(in.readFloat()); return; }
		expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
		int len = in.readRawVarint32();
		if (len < 0 || len % 4 != 0) throw error(name + ": packed length " + len + " is not a multiple of 4");
		int old = in.pushLimit(len);
		out.reserve(len / 4);
		while (!in.isAtEnd()) out.add(in.readFloat());
		in.popLimit(old);
	}

	void readDoubles(int wire, DoubleList out, String name) throws IOException {
		if (wire == WireFormat.WIRETYPE_FIXED64) { out.add(in.readDouble()); return; }
		expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
		int len = in.readRawVarint32();
		if (len < 0 || len % 8 != 0) throw error(name + ": packed length " + len + " is not a multiple of 8");
		int old = in.pushLimit(len);
		out.reserve(len / 8);
		while (!in.isAtEnd()) out.add(in.readDouble());
		in.popLimit(old);
	}

	void readInt64s(int wire, LongList out, String name) throws IOException {
		if (wire == WireFormat.WIRETYPE_VARINT) { out.add(in.readInt64()); return; }
		expectWire(wire, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
		int len = in.readRawVarint32();
		if (len < 0) throw error(name + ": negative packed length");
		int old = in.pushLimit(len);
		while (!in.isAtEnd()) out.add(in.readInt64());
		in.popLimit(old);
	}
}
