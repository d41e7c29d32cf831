/**
 * A reader for ONNX files built on protobuf's {@code CodedInputStream} (no generated classes), into plain classes:
 * {@link sc.fiji.convnet.onnx.read.OnnxModel} → {@link sc.fiji.convnet.onnx.read.OnnxGraph} →
 * {@link sc.fiji.convnet.onnx.read.OnnxNode} (with {@link sc.fiji.convnet.onnx.read.OnnxAttribute}s),
 * {@link sc.fiji.convnet.onnx.read.OnnxTensor} initializers and {@link sc.fiji.convnet.onnx.read.ValueInfo} inputs and
 * outputs. Every problem is an {@link sc.fiji.convnet.onnx.read.OnnxFormatException} naming the file and the path to
 * the faulty field.
 * <pre>{@code
 * OnnxModel m = OnnxReader.read(Path.of("model.onnx"));
 * for (OnnxNode n : m.graph().nodes())
 *     if (n.opType().equals("Conv")) {
 *         OnnxTensor w = m.graph().initializer(n.inputs().get(1));
 *         long[] pads = n.getInts("pads", new long[4]);
 *     }
 * }</pre>
 */
package sc.fiji.convnet.onnx.read;
