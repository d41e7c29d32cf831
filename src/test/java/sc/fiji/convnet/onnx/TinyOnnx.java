package sc.fiji.convnet.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import com.google.protobuf.CodedOutputStream;

/**
 * Hand-encoded minimal ONNX models for tests (field numbers from onnx.proto): one elementwise node from a float
 * input "x" with a fully dynamic N×C×H×W shape to output "y".
 */
public final class TinyOnnx {

	private TinyOnnx() {}

	static byte[] unary(String opType, int opset) {
		return message(out -> {
			out.writeInt64(1, 8); // ir_version
			out.writeByteArray(8, message(o -> o.writeInt64(2, opset))); // opset_import { version }
			out.writeByteArray(7, message(g -> { // graph
				g.writeByteArray(1, message(n -> { // node
					n.writeString(1, "x");
					n.writeString(2, "y");
					n.writeString(4, opType);
				}));
				g.writeString(2, "tiny");
				g.writeByteArray(11, valueInfo("x")); // input
				g.writeByteArray(12, valueInfo("y")); // output
			}));
		});
	}

	static byte[] valueInfo(String name) {
		return message(v -> {
			v.writeString(1, name);
			v.writeByteArray(2, message(type -> type.writeByteArray(1, message(tensor -> { // TypeProto.tensor_type
				tensor.writeInt32(1, 1); // elem_type FLOAT
				tensor.writeByteArray(2, message(shape -> { // TensorShapeProto
					for (String d : new String[] { "n", "c", "h", "w" })
						shape.writeByteArray(1, message(dim -> dim.writeString(2, d))); // dim_param
				}));
			}))));
		});
	}

	/** Writes the fields of one message. */
	public interface Body { void write(CodedOutputStream out) throws IOException; }

	public static byte[] message(Body body) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			CodedOutputStream out = CodedOutputStream.newInstance(bytes);
			body.write(out);
			out.flush();
			return bytes.toByteArray();
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
