/**
 * Hand-made convolution filters for everyday image work (Bishop, chapter 10): kernels typed as text or
 * taken from an image ({@link sc.fiji.convnet.filters.KernelParser}, {@link sc.fiji.convnet.filters.Kernel2D}),
 * applied by {@link sc.fiji.convnet.filters.Convolution2D} through the engine's convolution kernels; the edge
 * detectors of eqs. 10.3–10.4 ({@link sc.fiji.convnet.filters.EdgeFilters}); Gabor filters and banks of eqs.
 * 10.6–10.8 ({@link sc.fiji.convnet.filters.GaborFilter}, {@link sc.fiji.convnet.filters.GaborBank}); pooling and
 * up-sampling ({@link sc.fiji.convnet.filters.Pooling}, {@link sc.fiji.convnet.filters.Upsampling}).
 * <p>
 * Everything takes plain float arrays, {@link sc.fiji.convnet.tensor.Tensor}s (N×C×H×W) or ImageJ
 * processors/stacks (8-, 16- or 32-bit) and returns 32-bit results; there are no dialogs here.
 */
package sc.fiji.convnet.filters;
