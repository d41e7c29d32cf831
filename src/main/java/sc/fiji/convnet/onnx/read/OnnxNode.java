package sc.fiji.convnet.onnx.read;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One operator application. Empty names in {@code inputs} mark optional inputs that are left out, as in ONNX.
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
		Map<String, OnnxAttribute> attributes, String docString) {

	public OnnxNode {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
		attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
	}

	public boolean has(String attribute) { return attributes.containsKey(attribute); }

	public OnnxAttribute attribute(String attribute) {
		OnnxAttribute a = attributes.get(attribute);
		if (a == null) throw new OnnxFormatException(describe() + " has no attribute '" + attribute + "'");
		return a;
	}

	public long getInt(String attribute, long dflt) { return has(attribute) ? attribute(attribute).asInt() : dflt; }
	public float getFloat(String attribute, float dflt) { return has(attribute) ? attribute(attribute).asFloat() : dflt; }
	public String getString(String attribute, String dflt) { return has(attribute) ? attribute(attribute).asString() : dflt; }
	public long[] getInts(String attribute, long[] dflt) { return has(attribute) ? attribute(attribute).asInts() : dflt; }
	public float[] getFloats(String attribute, float[] dflt) { return has(attribute) ? attribute(attribute).asFloats() : dflt; }

	/** "Conv 'conv1'" — for messages. */
	public String describe() {
		return opType + (name.isEmpty() ? "" : " '" + name + "'");
	}

	@Override
	public String toString() {
		return describe() + inputs + " -> " + outputs + (attributes.isEmpty() ? "" : " " + attributes.values());
	}
}
