package sc.fiji.convnet.onnx.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model as read from a file ({@link OnnxReader}): its header, operator sets and main graph.
 * Local functions and training information are not kept; {@link #functionCount()} says whether the model has any.
 */
public record OnnxModel(String source, long irVersion, List<OpsetImport> opsetImports, String producerName,
		String producerVersion, String domain, long modelVersion, String docString, OnnxGraph graph,
		Map<String, String> metadata, int functionCount) {

	public OnnxModel {
		opsetImports = List.copyOf(opsetImports);
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/** The version of the standard ONNX operator set, or -1 when the model imports none. */
	public long opsetVersion() {
		for (OpsetImport o : opsetImports) if (o.isDefaultDomain()) return o.version();
		return -1;
	}

	@Override
	public String toString() {
		return "ONNX model " + source + " (IR " + irVersion + ", " + opsetImports + ", by " + producerName + " "
				+ producerVersion + "): " + graph;
	}
}
