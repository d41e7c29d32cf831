package sc.fiji.convnet.onnx.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.protobuf.CodedInputStream;

/**
 * Reads ONNX files with protobuf's {@link CodedInputStream} field by field (no generated classes). Field numbers are
 * those of {@code onnx/onnx.proto}. Unknown fields are skipped, as protobuf does; a known field with the wrong wire
 * type, a truncated or inconsistent message, or data kept in external files raise {@link OnnxFormatException} with the
 * file and the path to the problem (e.g. {@code graph.node[3] Conv 'c1'.attribute 'pads'}).
 */
public final class OnnxReader {

	private OnnxReader() {}

	public static OnnxModel read(Path file) {
		return read(readAll(file), file.toString());
	}

	/** @param source names the bytes in messages */
	public static OnnxModel read(byte[] bytes, String source) {
		return new ModelMessageReader(bytes, source).model();
	}

	/**
	 * Parses the whole file and checks it as {@link #read} does, without converting tensor data (raw data is only
	 * measured): a cheap way to refuse a broken file before it reaches native code.
	 *
	 * @throws OnnxFormatException naming the file and the problem
	 */
	public static void check(Path file) {
		ModelMessageReader p = new ModelMessageReader(readAll(file), file.toString());
		p.materialize = false;
		p.model();
	}

	/** Reads a serialized TensorProto, as in the ONNX test data ({@code input_0.pb}). */
	public static OnnxTensor readTensor(Path file) {
		return readTensor(readAll(file), file.toString());
	}

	public static OnnxTensor readTensor(byte[] bytes, String source) {
		return new ModelMessageReader(bytes, source).topTensor();
	}

	private static byte[] readAll(Path file) {
		try {
			if (!Files.isRegularFile(file)) throw new OnnxFormatException("ONNX file not found: " + file);
			if (Files.size(file) > Integer.MAX_VALUE - 8) throw new OnnxFormatException(file + " is larger than 2 GiB, which a protobuf cannot be");
			return Files.readAllBytes(file);
		} catch (IOException e) {
			throw new OnnxFormatException("cannot read " + file + ": " + e, e);
		}
	}
}
