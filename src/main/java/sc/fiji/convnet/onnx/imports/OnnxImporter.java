package sc.fiji.convnet.onnx.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.onnx.OnnxException;
import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.imports.ImportGraph.Constant;
import sc.fiji.convnet.onnx.imports.ImportGraph.Value;
import sc.fiji.convnet.onnx.imports.layers.ImportLayers;
import sc.fiji.convnet.onnx.imports.layers.View;
import sc.fiji.convnet.onnx.read.DataType;
import sc.fiji.convnet.onnx.read.Dimension;
import sc.fiji.convnet.onnx.read.OnnxAttribute;
import sc.fiji.convnet.onnx.read.OnnxGraph;
import sc.fiji.convnet.onnx.read.OnnxModel;
import sc.fiji.convnet.onnx.read.OnnxNode;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.onnx.read.OnnxTensor;
import sc.fiji.convnet.onnx.read.ValueInfo;

/**
 * Imports an ONNX model into the engine, so that it runs in pure Java and can be differentiated and trained.
 * <pre>
 * ImportedModel m = OnnxImporter.load(Path.of("weights.onnx"), 1, 1, 128, 128);
 * Tensor y = m.run(x);                         // like ONNX Runtime
 * Tensor saliency = m.inputGradient(x, dy);    // gradients through the imported layers
 * Network net = m.network();                   // an ordinary engine network: train, save, summarize
 * </pre>
 * The import is done for one input shape: static-shape arithmetic (Shape → Gather → Concat → Reshape) is folded
 * with it. Operators without an exact engine equivalent stop the import with an {@link UnsupportedOnnxException}
 * naming the operator, the node and the opset; {@link OpTranslator#SUPPORTED} lists the operators.
 */
public final class OnnxImporter {

	static { ImportLayers.register(); }

	private OnnxImporter() {}

	/** Imports with the input shape declared in the model (an unknown batch size becomes 1). */
	public static ImportedModel load(Path file) throws IOException {
		return fromModel(OnnxReader.read(file), (int[]) null);
	}

	/** Imports for this ONNX input shape. */
	public static ImportedModel load(Path file, int... inputShape) throws IOException {
		return fromModel(OnnxReader.read(file), inputShape);
	}

	public static ImportedModel fromModel(OnnxModel model, int... inputShape) {
		return fromModel(model, null, inputShape);
	}

	/**
	 * Imports for this input shape, computing only the named value: one of several graph outputs, or an intermediate
	 * value (to compare a model with ONNX Runtime node by node).
	 */
	public static ImportedModel load(Path file, String outputName, int... inputShape) throws IOException {
		return fromModel(OnnxReader.read(file), outputName, inputShape);
	}

	/**
	 * @param outputName the graph output to compute, or null when the model has exactly one
	 * @param inputShape the ONNX input shape, or null for the declared one
	 */
	public static ImportedModel fromModel(OnnxModel model, String outputName, int... inputShape) {
		long opset = model.opsetVersion();
		OnnxGraph graph = model.graph();
		List<ValueInfo> inputs = graph.runtimeInputs();
		if (inputs.size() != 1)
			throw new UnsupportedOnnxException("input", model.source() + ": " + inputs.size() + " runtime inputs " + inputs + "; the engine takes exactly one");
		ValueInfo input = inputs.get(0);
		if (input.elementType() != null && input.elementType() != DataType.FLOAT && !isInteger(input.elementType()))
			throw new UnsupportedOnnxException("input", model.source() + ": input '" + input.name() + "' is " + input.elementType().onnxName() + "; the engine computes on float tensors");
		int[] shape = inputShape != null ? inputShape.clone() : declaredShape(model, input);
		if (shape.length < 2) throw new UnsupportedOnnxException("input", model.source() + ": input '" + input.name() + "' of rank " + shape.length + " has no batch and channel axes");
		if (outputName == null && graph.outputs().size() != 1)
			throw new UnsupportedOnnxException("output", model.source() + ": " + graph.outputs().size() + " outputs " + graph.outputs()
					+ "; the engine gives exactly one: name it with OnnxImporter.load(file, outputName, shape)");
		if (outputName != null && graph.outputs().stream().noneMatch(o -> o.name().equals(outputName))
				&& graph.nodes().stream().noneMatch(n -> n.outputs().contains(outputName)))
			throw new OnnxException(model.source() + ": no output or intermediate value '" + outputName + "'; outputs " + graph.outputs());

		ImportGraph g = new ImportGraph(shape, opset);
		graph.initializers().forEach((name, t) -> g.put(name, new Constant(ConstTensor.of(t, true))));
		g.put(input.name(), new Computed(0, shape));
		for (OnnxNode n : graph.nodes()) n.inputs().forEach(g::consumedBy);
		graph.outputs().forEach(o -> g.consumedBy(o.name()));
		OpTranslator translator = new OpTranslator(g);
		String outName = outputName != null ? outputName : graph.outputs().get(0).name();
		for (OnnxNode n : graph.nodes()) {
			if (g.has(outName) && !outName.equals(input.name())) break; // later nodes cannot change it
			if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx"))
				throw new UnsupportedOnnxException(n.opType(), n.describe() + ": operator domain '" + n.domain() + "' (only the standard ONNX operators)");
			try {
				importNode(g, translator, n, opset);
			} catch (OnnxException e) {
				throw e;
			} catch (RuntimeException e) {
				throw new OnnxException(model.source() + ": " + n.describe() + " (opset " + opset + "): " + e.getMessage(), e);
			}
		}
		Value out = g.has(outName) ? g.get(graph.nodes().isEmpty() ? null : graph.nodes().get(0), outName) : null;
		if (!(out instanceof Computed result))
			throw new UnsupportedOnnxException("output", model.source() + ": output '" + outName + "' does not depend on the input");
		if (result.node() == 0 || result.node() != g.lastNode())
			result = g.add(new View(result.shape()).named("output"), result.shape(), result.node());
		return new ImportedModel(g.builder.build(), input.name(), shape, ImportGraph.canonical4d(shape), outName,
				result.shape(), opset);
	}

	/** Integer inputs (embedding indices) are fed as float values, exact below 2^24. */
	private static boolean isInteger(DataType t) {
		return t == DataType.INT64 || t == DataType.INT32 || t == DataType.INT16 || t == DataType.INT8 || t == DataType.UINT8 || t == DataType.UINT16;
	}

	private static int[] declaredShape(OnnxModel model, ValueInfo input) {
		if (!input.hasShape()) throw new OnnxException(model.source() + ": input '" + input.name() + "' declares no shape; pass one to OnnxImporter.load(file, shape)");
		List<Dimension> dims = input.shape();
		int[] s = new int[dims.size()];
		for (int i = 0; i < s.length; i++) {
			Dimension d = dims.get(i);
			if (d.isFixed()) s[i] = (int) d.value();
			else if (i == 0) s[i] = 1;
			else throw new OnnxException(model.source() + ": input '" + input.name() + "' has a free dimension " + i + " " + dims + "; pass a shape to OnnxImporter.load(file, shape)");
		}
		return s;
	}

	private static void importNode(ImportGraph g, OpTranslator translator, OnnxNode n, long opset) {
		if (n.opType().equals("Constant")) {
			g.put(n.outputs().get(0), new Constant(constantAttribute(n)));
			return;
		}
		List<ConstTensor> consts = new ArrayList<>();
		boolean allConstant = true;
		for (String in : n.inputs()) {
			if (in.isEmpty()) { consts.add(null); continue; }
			Value v = g.get(n, in);
			if (v instanceof Constant c) consts.add(c.tensor());
			else { allConstant = false; consts.add(null); }
		}
		if (allConstant) {
			List<ConstTensor> r = ConstantFolder.fold(n, consts, opset);
			if (r == null)
				throw new UnsupportedOnnxException(n.opType(), n.describe() + " (opset " + opset + "): cannot be evaluated on constants at import time");
			for (int i = 0; i < r.size(); i++) g.put(n.outputs().get(i), new Constant(r.get(i)));
			return;
		}
		Value first = g.get(n, n.inputs().get(0));
		if (first instanceof Constant c) {
			if (List.of("Add", "Sub", "Mul", "Div", "Pow").contains(n.opType()) && g.get(n, n.inputs().get(1)) instanceof Computed x) {
				translator.translateConstantFirst(n, c.tensor(), x);
				return;
			}
			if (n.opType().equals("Gather") && g.get(n, n.inputs().get(1)) instanceof Computed idx) {
				translator.translateLookup(n, c.tensor(), idx);
				return;
			}
			throw new UnsupportedOnnxException(n.opType(), n.describe() + " (opset " + opset + "): a constant first input with computed others is not supported");
		}
		translator.translate(n);
	}

	private static ConstTensor constantAttribute(OnnxNode n) {
		if (n.has("value")) return ConstTensor.of(n.attribute("value").asTensor(), false);
		if (n.has("value_float")) return new ConstTensor(new int[0], new double[] { n.attribute("value_float").asFloat() }, false, false);
		if (n.has("value_int")) return new ConstTensor(new int[0], new double[] { n.attribute("value_int").asInt() }, true, false);
		if (n.has("value_floats")) {
			float[] f = n.attribute("value_floats").asFloats();
			double[] d = new double[f.length];
			for (int i = 0; i < f.length; i++) d[i] = f[i];
			return new ConstTensor(new int[] { f.length }, d, false, false);
		}
		if (n.has("value_ints")) return ConstTensor.ints(n.attribute("value_ints").asInts());
		OnnxAttribute a = n.attributes().values().stream().findFirst().orElse(null);
		throw new UnsupportedOnnxException("Constant", n.describe() + ": constant of kind " + (a == null ? "none" : a.name()));
	}

	/** For messages: an ONNX tensor's description. */
	static String describe(OnnxTensor t) { return t.name() + Arrays.toString(t.dims()); }
}
