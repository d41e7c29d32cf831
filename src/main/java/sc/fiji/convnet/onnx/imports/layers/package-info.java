/**
 * Engine layers for ONNX operators the engine's own layers do not cover (any-rank views and permutations,
 * slices, axis softmax, N-D padding, dilated/ceil-mode pooling, 3-D convolution and pooling, broadcast arithmetic,
 * element-wise functions, embedding lookups). Each has a forward and a backward pass, checked against finite
 * differences in the tests; {@link sc.fiji.convnet.onnx.imports.layers.ImportLayers#register()} makes them loadable.
 */
package sc.fiji.convnet.onnx.imports.layers;
