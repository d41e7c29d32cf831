package sc.fiji.convnet.onnx.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

import sc.fiji.convnet.onnx.read.OnnxFormatException;

/**
 * A copy of an ONNX model whose graph also gives out some intermediate values, so that ONNX Runtime computes them
 * for a comparison node by node. Only the graph's list of outputs grows (one {@code ValueInfoProto} with just a name
 * each; ONNX Runtime infers the type); every other byte is kept as it is.
 */
public final class ExposedOutputs {

	private static final int MODEL_GRAPH = 7, GRAPH_OUTPUT = 12, VALUE_INFO_NAME = 1;

	private ExposedOutputs() {}

	/** The model bytes with {@code names} appended to the graph outputs. */
	public static byte[] expose(byte[] model, List<String> names) {
		try {
			ByteArrayOutputStream extra = new ByteArrayOutputStream();
			CodedOutputStream e = CodedOutputStream.newInstance(extra);
			for (String name : names) {
				ByteArrayOutputStream info = new ByteArrayOutputStream();
				CodedOutputStream i = CodedOutputStream.newInstance(info);
				i.writeString(VALUE_INFO_NAME, name);
				i.flush();
				e.writeByteArray(GRAPH_OUTPUT, info.toByteArray());
			}
			e.flush();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.length + extra.size() + 16);
			CodedOutputStream out = CodedOutputStream.newInstance(bytes);
			CodedInputStream in = CodedInputStream.newInstance(model);
			in.setSizeLimit(Integer.MAX_VALUE);
			boolean found = false;
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
					byte[] graph = in.readByteArray();
					byte[] grown = new byte[graph.length + extra.size()];
					System.arraycopy(graph, 0, grown, 0, graph.length);
					System.arraycopy(extra.toByteArray(), 0, grown, graph.length, extra.size());
					out.writeByteArray(MODEL_GRAPH, grown);
					found = true;
				} else in.skipField(tag, out);
			}
			out.flush();
			if (!found) throw new OnnxFormatException("not an ONNX model: no graph");
			return bytes.toByteArray();
		} catch (IOException ex) {
			throw new OnnxFormatException("not a valid ONNX model: " + ex.getMessage(), ex);
		}
	}
}
