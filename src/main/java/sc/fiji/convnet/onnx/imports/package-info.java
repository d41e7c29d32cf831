/**
 * ONNX models imported into the engine, so that they run in pure Java, with gradients.
 * <pre>
 * ImportedModel m = OnnxImporter.load(Path.of("weights.onnx"), 1, 1, 256, 256);
 * Tensor y = m.run(x);                        // the model's output, as ONNX Runtime computes it
 * Tensor g = m.inputGradient(x, dy);          // ∂(Σ dy·y)/∂x through the imported layers
 * Network net = m.network();                  // an ordinary engine network (fine-tune, save, summary)
 * ImportedModel two = OnnxImporter.fromModel(model, Map.of("a", shapeA, "b", shapeB), null);
 * Map&lt;String, Tensor&gt; ys = two.run(Map.of("a", a, "b", b)); // several inputs and outputs, packed for the engine
 * ImportedModel fast = OnnxImporter.forInference(model, Map.of(), null); // BatchNormalization and Relu folded into Conv
 * </pre>
 * {@link sc.fiji.convnet.onnx.imports.OnnxImporter} walks the graph once for a given input shape: weights and
 * static-shape arithmetic are constants (folded by {@code ConstantFolder}), everything computed from the input
 * becomes engine layers ({@code OpTranslator}). Operators the engine lacks are layers of
 * {@link sc.fiji.convnet.onnx.imports.layers}, registered with the engine's {@code LayerRegistry} so that imported
 * networks save, load and copy. An operator that cannot be expressed exactly stops the import with an
 * {@link sc.fiji.convnet.onnx.imports.UnsupportedOnnxException} naming the operator, node and opset.
 * {@link sc.fiji.convnet.onnx.imports.EngineConformance} runs the ONNX backend tests on the engine (CONFORMANCE.md).
 */
package sc.fiji.convnet.onnx.imports;
