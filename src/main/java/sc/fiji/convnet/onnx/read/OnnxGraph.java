package sc.fiji.convnet.onnx.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computation graph: nodes in topological order, constant tensors (initializers), and declared inputs, outputs and
 * intermediate values. In models before IR version 4, initializers are also listed among the inputs;
 * {@link #runtimeInputs()} gives the inputs a caller has to feed.
 */
public record OnnxGraph(String name, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers,
		List<OnnxSparseTensor> sparseInitializers, List<ValueInfo> inputs, List<ValueInfo> outputs,
		List<ValueInfo> valueInfo, String docString) {

	public OnnxGraph {
		nodes = List.copyOf(nodes);
		initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
		sparseInitializers = List.copyOf(sparseInitializers);
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
		valueInfo = List.copyOf(valueInfo);
	}

	/** Inputs that are not initializers: what must be fed at run time. */
	public List<ValueInfo> runtimeInputs() {
		return inputs.stream().filter(v -> !initializers.containsKey(v.name())).toList();
	}

	public OnnxTensor initializer(String tensorName) { return initializers.get(tensorName); }

	@Override
	public String toString() {
		return "graph '" + name + "': " + nodes.size() + " nodes, " + initializers.size() + " initializers, inputs "
				+ runtimeInputs() + ", outputs " + outputs;
	}
}
