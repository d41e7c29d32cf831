/**
 * ONNX Runtime through DJL, and the ONNX file format.
 * <p>
 * {@link sc.fiji.convnet.onnx.DjlSetup} starts DJL's OnnxRuntime engine once (offline), which creates the process's
 * ORT environment; {@link sc.fiji.convnet.onnx.OnnxSession} loads a model on it (after
 * {@link sc.fiji.convnet.onnx.read.OnnxReader#check} has refused damaged files), describes its inputs and outputs and
 * runs float {@link sc.fiji.convnet.tensor.Tensor}s; {@link sc.fiji.convnet.onnx.SessionCache} keeps one session per
 * (file, threads) for batches, at most a few (the least recently used is closed first), shared by every task; {@link sc.fiji.convnet.onnx.OrtInfo} reports whether the natives load.
 * <pre>{@code
 * OnnxSession s = SessionCache.shared().get(Path.of("model.onnx"), 2);   // cached: do not close
 * Tensor y = s.run(x);                                                   // x: N×C×H×W floats
 * }</pre>
 * {@link sc.fiji.convnet.onnx.read} reads the protobuf itself into plain classes for import into the engine;
 * {@link sc.fiji.convnet.onnx.OnnxConformance} runs the ONNX backend test layout.
 */
package sc.fiji.convnet.onnx;
