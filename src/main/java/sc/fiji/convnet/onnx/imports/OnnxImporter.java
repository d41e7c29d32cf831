package sc.fiji.convnet.onnx.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import sc.fiji.convnet.onnx.OnnxException;
import sc.fiji.convnet.onnx.imports.ImportGraph.Computed;
import sc.fiji.convnet.onnx.imports.ImportGraph.Constant;
import sc.fiji.convnet.onnx.imports.ImportGraph.Value;
import sc.fiji.convnet.engine.layers.Concat;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.onnx.imports.layers.BinaryOp;
import sc.fiji.convnet.onnx.imports.layers.ConstantArithmetic;
import sc.fiji.convnet.onnx.imports.layers.ImportLayers;
import sc.fiji.convnet.onnx.imports.layers.Shapes;
import sc.fiji.convnet.onnx.imports.layers.Slice;
import sc.fiji.convnet.engine.layers.Reshape;
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
		List<ValueInfo> inputs = model.graph().runtimeInputs();
		if (inputs.size() != 1)
			throw new UnsupportedOnnxException("input", model.source() + ": " + inputs.size() + " runtime inputs " + inputs
					+ "; import it with OnnxImporter.fromModel(model, shapes, outputs)");
		if (outputName == null && model.graph().outputs().size() != 1)
			throw new UnsupportedOnnxException("output", model.source() + ": " + model.graph().outputs().size() + " outputs " + model.graph().outputs()
					+ "; name one with OnnxImporter.load(file, outputName, shape), or import all with OnnxImporter.fromModel(model, shapes, outputs)");
		Map<String, int[]> shapes = inputShape == null ? Map.of() : Map.of(inputs.get(0).name(), inputShape);
		return fromModel(model, shapes, outputName == null ? null : List.of(outputName));
	}

	/**
	 * Imports a model with any number of inputs and outputs.
	 *
	 * @param inputShapes ONNX input shapes by name; inputs left out take their declared shape (an unknown first
	 *        dimension becomes 1)
	 * @param outputNames graph outputs or intermediate values to compute, or null for all graph outputs
	 */
	public static ImportedModel fromModel(OnnxModel model, Map<String, int[]> inputShapes, List<String> outputNames) {
		return fromModel(model, inputShapes, outputNames, false, false);
	}

	/**
	 * As {@link #fromModel(OnnxModel, Map, List)}, for running only: a BatchNormalization whose input is a Conv's output
	 * read by nothing else is folded into that Conv's weights and bias, and a Relu after such a Conv (or after a
	 * folded BatchNormalization) into the Conv layer ({@link Conv2d#relu(boolean)}); the Conv layer then gives the
	 * normalized, rectified values. Outputs and input gradients are those of the plain import (inference statistics
	 * are constants), but the batch-norm and ReLU layers and the batch-norm parameters are gone, so fine-tuning and
	 * per-layer views (a Conv's own output, its filters, Grad-CAM at a Conv) need the plain import. The weights are
	 * constants ({@link Network#constantWeights()}).
	 */
	public static ImportedModel forInference(OnnxModel model, Map<String, int[]> inputShapes, List<String> outputNames) {
		return fromModel(model, inputShapes, outputNames, false, true);
	}

	/**
	 * Imports a model computing every value that some node reads or the graph gives out, in the graph's
	 * (topological) order, leaving out the ones that are constants: {@link ImportedModel#outputNames()} says which
	 * were kept. For comparing a model with ONNX Runtime node by node in one forward pass.
	 */
	public static ImportedModel intermediates(OnnxModel model, Map<String, int[]> inputShapes) {
		java.util.Set<String> read = new java.util.HashSet<>();
		for (OnnxNode n : model.graph().nodes()) read.addAll(n.inputs());
		model.graph().outputs().forEach(v -> read.add(v.name()));
		List<String> names = new ArrayList<>();
		for (OnnxNode n : model.graph().nodes())
			for (String o : n.outputs()) if (read.contains(o) && !names.contains(o)) names.add(o);
		return fromModel(model, inputShapes, names, true, false);
	}

	/** A test hook: {@code offset} added to the first output of the node of this name on every import. */
	record Perturbation(String node, float offset) {}

	private static volatile Perturbation perturbation;

	/**
	 * For tests only: every import until {@code close()} adds {@code offset} to the first output of the node named
	 * {@code node}, so that the engine deliberately differs from ONNX Runtime from that node on.
	 */
	public static AutoCloseable perturbForTests(String node, float offset) {
		perturbation = new Perturbation(node, offset);
		return () -> perturbation = null;
	}

	private static ImportedModel fromModel(OnnxModel model, Map<String, int[]> inputShapes, List<String> outputNames, boolean computedOnly,
			boolean inference) {
		long opset = model.opsetVersion();
		OnnxGraph graph = model.graph();
		List<ValueInfo> inputs = graph.runtimeInputs();
		if (inputs.isEmpty()) throw new UnsupportedOnnxException("input", model.source() + ": no runtime input; the engine computes from at least one");
		List<int[]> shapes = new ArrayList<>();
		for (ValueInfo input : inputs) {
			if (input.elementType() != null && !isReal(input.elementType())) {
				String reader = graph.nodes().stream().filter(n -> n.inputs().contains(input.name())).map(OnnxNode::describe).findFirst().orElse("no node");
				throw new UnsupportedOnnxException("input", model.source() + ": input '" + input.name() + "' (read by " + reader + ") is "
						+ input.elementType().onnxName() + "; the engine computes in float32 only");
			}
			int[] shape = inputShapes.containsKey(input.name()) ? inputShapes.get(input.name()).clone() : declaredShape(model, input);
			shapes.add(shape);
		}
		List<String> outNames = outputNames != null ? List.copyOf(outputNames) : graph.outputs().stream().map(ValueInfo::name).toList();
		for (String o : outNames)
			if (graph.outputs().stream().noneMatch(v -> v.name().equals(o)) && graph.nodes().stream().noneMatch(n -> n.outputs().contains(o)))
				throw new OnnxException(model.source() + ": no output or intermediate value '" + o + "'; outputs " + graph.outputs());

		// one input of rank ≥ 2 is fed as its 4-D view; anything else is packed into 1×1×1×total and sliced apart
		boolean packed = inputs.size() != 1 || shapes.get(0).length < 2;
		int total = 0;
		for (int[] sh : shapes) total += Shapes.size(sh);
		int[] engineInput = packed ? new int[] { 1, 1, 1, total } : ImportGraph.canonical4d(shapes.get(0));
		ImportGraph g = new ImportGraph(engineInput, opset, inference);
		graph.initializers().forEach((name, t) -> g.put(name, new Constant(ConstTensor.of(t, true))));
		if (inputs.size() == 1) g.put(inputs.get(0).name(), new Computed(0, shapes.get(0)));
		else for (int i = 0, at = 0; i < inputs.size(); i++) {
			int size = Shapes.size(shapes.get(i));
			g.put(inputs.get(i).name(), g.add(new Slice(3, at, size).named("input_" + inputs.get(i).name()), shapes.get(i), 0));
			at += size;
		}
		for (OnnxNode n : graph.nodes()) n.inputs().forEach(g::consumedBy);
		outNames.forEach(g::consumedBy);
		OpTranslator translator = new OpTranslator(g);
		for (OnnxNode n : graph.nodes()) {
			if (outNames.stream().allMatch(g::has)) break; // later nodes cannot change the outputs
			if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx"))
				throw new UnsupportedOnnxException(n.opType(), n.describe() + ": operator domain '" + n.domain() + "' (only the standard ONNX operators)");
			try {
				importNode(g, translator, n, opset);
				perturb(g, n);
			} catch (OnnxException e) {
				throw e;
			} catch (RuntimeException e) {
				throw new OnnxException(model.source() + ": " + n.describe() + " (opset " + opset + "): " + e.getMessage(), e);
			}
		}
		List<Computed> results = new ArrayList<>();
		List<String> kept = new ArrayList<>();
		for (String o : outNames) {
			Value out = g.has(o) ? g.get(null, o) : null;
			if (computedOnly && !(out instanceof Computed)) continue;
			if (!(out instanceof Computed result))
				throw new UnsupportedOnnxException("output", model.source() + ": output '" + o + "' does not depend on the input");
			results.add(result);
			kept.add(o);
		}
		outNames = kept;
		if (results.size() == 1) {
			Computed result = results.get(0);
			if (result.node() == 0 || result.node() != g.lastNode())
				g.add(Reshape.view(result.shape()).named("output"), result.shape(), result.node());
		} else {
			int[] nodes = new int[results.size()];
			int sum = 0;
			for (int i = 0; i < nodes.length; i++) {
				int size = Shapes.size(results.get(i).shape());
				nodes[i] = g.view(results.get(i), new int[] { 1, size, 1, 1 });
				sum += size;
			}
			g.add(new Concat().named("outputs"), new int[] { 1, sum, 1, 1 }, nodes);
		}
		Network network = g.builder.build();
		if (inference) network.constantWeights(); // nothing trains an import for running only
		return new ImportedModel(network, inputs.stream().map(ValueInfo::name).toList(), shapes, engineInput, outNames,
				results.stream().map(Computed::shape).toList(), opset);
	}

	/**
	 * Inputs the engine takes: float, and integers (embedding indices) fed as float values, exact below 2^24. Not
	 * double: its values (up to 10^308) need not fit in float32.
	 */
	private static boolean isReal(DataType t) {
		return t == DataType.FLOAT || t == DataType.INT64 || t == DataType.INT32
				|| t == DataType.INT16 || t == DataType.INT8 || t == DataType.UINT8 || t == DataType.UINT16;
	}

	private static void perturb(ImportGraph g, OnnxNode n) {
		Perturbation p = perturbation;
		if (p == null || !p.node().equals(n.name()) || n.outputs().isEmpty() || !(g.has(n.outputs().get(0)) && g.get(n, n.outputs().get(0)) instanceof Computed c))
			return;
		g.put(n.outputs().get(0), g.add(ConstantArithmetic.of(BinaryOp.ADD, false, false, new float[] { p.offset() }).named(n.name() + "_perturbed"),
				c.shape(), g.logical(c)));
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
