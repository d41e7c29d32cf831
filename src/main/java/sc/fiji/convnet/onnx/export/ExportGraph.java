package sc.fiji.convnet.onnx.export;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.onnx.write.OnnxNode;
import sc.fiji.convnet.onnx.write.OnnxTensor;
import sc.fiji.convnet.onnx.write.OnnxWriter;

/**
 * What a {@link LayerExporter} writes into: nodes and constants of one ONNX graph, with names that are
 * unique and derived from the layer's name, and helpers that read a layer's config with messages naming
 * the layer.
 */
public final class ExportGraph {

	private final OnnxWriter writer;
	private final Set<String> names = new HashSet<>();
	private final Map<String, int[]> sampleShapes = new HashMap<>();
	private final Map<String, Layer> layersByName = new HashMap<>();
	private final Map<String, String[]> layerInputs = new HashMap<>();
	private final Map<String, String> extraOutputs = new HashMap<>();
	private final Set<String> wanted = new HashSet<>();

	ExportGraph(OnnxWriter writer, String... reserved) {
		this.writer = writer;
		names.addAll(Arrays.asList(reserved));
	}

	/** The writer itself, for what the helpers below do not cover. */
	public OnnxWriter writer() { return writer; }

	/** A fresh value name "layerName/suffix" (made unique with a counter when taken). */
	public String name(Layer layer, String suffix) {
		String base = sanitize(layer.name()) + "/" + suffix, n = base;
		for (int i = 1; names.contains(n); i++) n = base + "_" + i;
		names.add(n);
		return n;
	}

	/**
	 * The shape of a value for the sample input of {@link OutputAxes#sampleInput} (N = 1): for the rank and
	 * the sizes that do not depend on H and W (channels, features), never for H and W themselves.
	 */
	public int[] sampleShape(String value) {
		int[] s = sampleShapes.get(value);
		if (s == null) throw new IllegalStateException("ONNX export: no sample shape recorded for value '" + value + "'");
		return s.clone();
	}

	void sampleShape(String value, int[] shape) { sampleShapes.put(value, shape.clone()); }

	void layer(Layer layer, String[] inputs) {
		layersByName.put(layer.name(), layer);
		layerInputs.put(layer.name(), inputs.clone());
	}

	/** A layer of the network by name (for layers that refer to others, such as max-unpooling to its pooling). */
	public Layer layerNamed(String layerName) {
		Layer l = layersByName.get(layerName);
		if (l == null) throw new OnnxExportException("ONNX export: no layer named '" + layerName + "' before this point; known " + layersByName.keySet());
		return l;
	}

	/** The value names feeding an earlier layer. */
	public String[] inputsOf(String layerName) {
		layerNamed(layerName);
		return layerInputs.get(layerName).clone();
	}

	/**
	 * Asks, before any layer is exported, that layer {@code layerName} also publish its {@code what} (for
	 * example "indices" of a max-pooling); see {@link #wants} and {@link #publish}.
	 */
	public void request(String layerName, String what) { wanted.add(layerName + "#" + what); }

	/** Whether some later layer asked this layer for {@code what}. */
	public boolean wants(Layer layer, String what) { return wanted.contains(layer.name() + "#" + what); }

	/** Makes a value available to later layers as {@code what} of this layer. */
	public void publish(Layer layer, String what, String value) { extraOutputs.put(layer.name() + "#" + what, value); }

	/** A value that an earlier layer published. */
	public String published(String layerName, String what) {
		String v = extraOutputs.get(layerName + "#" + what);
		if (v == null) throw new OnnxExportException("ONNX export: layer '" + layerName + "' did not publish its " + what);
		return v;
	}

	/** Reserves a name chosen elsewhere (graph inputs and outputs). */
	void reserve(String name) { names.add(name); }

	private static String sanitize(String s) { return s.replaceAll("[^A-Za-z0-9_.\\-]", "_"); }

	/** A node named after the layer. */
	public OnnxNode node(Layer layer, String opType, String[] inputs, String output) {
		return writer.node(opType, inputs, new String[] { output }).name(name(layer, opType));
	}

	/** Whether the layer has a parameter of this name (an optional bias, say). */
	public static boolean hasParameter(Layer layer, String parameterName) {
		for (Parameter p : layer.parameters()) if (p.name().equals(parameterName)) return true;
		return false;
	}

	public static Parameter parameter(Layer layer, String parameterName) {
		for (Parameter p : layer.parameters()) if (p.name().equals(parameterName)) return p;
		throw error(layer, "has no parameter '" + parameterName + "'; it has " + layer.parameters());
	}

	/** The parameter's values as a float initializer of its own shape; returns the initializer's name. */
	public String constant(Layer layer, String parameterName) {
		Parameter p = parameter(layer, parameterName);
		return floats(layer, parameterName, p.value().data().clone(), toLong(p.shape()));
	}

	/** A float initializer; returns its name. */
	public String floats(Layer layer, String suffix, float[] values, long... dims) {
		String n = name(layer, suffix);
		writer.initializer(OnnxTensor.floats(n, values, dims));
		return n;
	}

	/** A 1-D int64 initializer (shapes, pads, axes); returns its name. */
	public String int64s(Layer layer, String suffix, long... values) {
		String n = name(layer, suffix);
		writer.initializer(OnnxTensor.int64s(n, values, values.length));
		return n;
	}

	static long[] toLong(int[] a) {
		long[] l = new long[a.length];
		for (int i = 0; i < a.length; i++) l[i] = a[i];
		return l;
	}

	// ---- reading a layer's config

	public static int[] ints(Layer layer, String key) {
		JsonElement e = layer.config().get(key);
		if (e == null || !e.isJsonArray()) throw error(layer, "config has no integer list '" + key + "': " + layer.config());
		JsonArray a = e.getAsJsonArray();
		int[] v = new int[a.size()];
		for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsInt();
		return v;
	}

	/** An integer list of a given length, or {@code fallback} when the key is absent. */
	public static int[] ints(Layer layer, String key, int length, int... fallback) {
		if (!layer.config().has(key)) return fallback.clone();
		int[] v = ints(layer, key);
		if (v.length != length) throw error(layer, "config '" + key + "' has " + v.length + " values, expected " + length + ": " + Arrays.toString(v));
		return v;
	}

	public static int integer(Layer layer, String key, int fallback) {
		JsonObject c = layer.config();
		return c.has(key) ? c.get(key).getAsInt() : fallback;
	}

	public static double number(Layer layer, String key, double fallback) {
		JsonObject c = layer.config();
		return c.has(key) ? c.get(key).getAsDouble() : fallback;
	}

	public static String string(Layer layer, String key, String fallback) {
		JsonObject c = layer.config();
		return c.has(key) && !c.get(key).isJsonNull() ? c.get(key).getAsString() : fallback;
	}

	/**
	 * The ONNX Pad mode for a layer's {@code paddingMode} config ("reflect" or "edge"), or null when the
	 * layer pads with zeros (no key, ZERO, zeros, constant).
	 */
	public static String padMode(Layer layer) {
		String m = string(layer, "paddingMode", "ZERO").toUpperCase(Locale.ROOT);
		switch (m) {
		case "ZERO": case "ZEROS": case "CONSTANT": return null;
		case "REFLECT": return "reflect";
		case "REPLICATE": case "EDGE": return "edge";
		default: throw error(layer, "padding mode '" + m + "' has no ONNX equivalent");
		}
	}

	/**
	 * A Pad node in {@code mode} ("reflect" or "edge") adding {@code top, left, bottom, right} to H and W;
	 * returns the padded value's name.
	 */
	public String pad(Layer layer, String input, String mode, int top, int left, int bottom, int right) {
		String pads = int64s(layer, "pads", 0, 0, top, left, 0, 0, bottom, right); // begins of N C H W, then ends
		String out = name(layer, "padded");
		node(layer, "Pad", new String[] { input, pads }, out).attr("mode", mode);
		return out;
	}

	public static OnnxExportException error(Layer layer, String message) {
		return new OnnxExportException("ONNX export of " + layer.type() + " '" + layer.name() + "': " + message);
	}
}
