/**
 * What a model is: {@link sc.fiji.convnet.model.ModelDescriptor} (ONNX weights, inputs and outputs with axes, tile
 * sizes, halo, pre- and post-processing) read from a bioimage.io description (format 0.4 or 0.5) by
 * {@link sc.fiji.convnet.model.BioimageioReader} or made for a bare {@code .onnx}; {@link sc.fiji.convnet.model.ModelRepository}
 * finds one from a name (shipped or installed) or a path and opens it ({@link sc.fiji.convnet.model.ModelFiles}); {@link sc.fiji.convnet.tensor.Npy} reads and writes NumPy arrays.
 * <pre>{@code
 * ModelDescriptor d = ModelRepository.standard().resolve("path/to/unet2d_nuclei_broad").descriptor();
 * Tensor x = Npy.read(d.testInputs().get(0));
 * d.input().checkShape(x);
 * OnnxSession s = SessionCache.shared().get(d.weights(), 2);   // cached (bounded, shared): do not close
 * Tensor y = d.output().postprocess(s.run(d.input().preprocess(x)));
 * }</pre>
 * Inputs map to the ONNX model by position (bioimage.io ids need not be the ONNX names).
 */
package sc.fiji.convnet.model;
