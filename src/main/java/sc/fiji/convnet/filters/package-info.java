/**
 * Hand-made convolution filters for everyday image work (Bishop, chapter 10): kernels typed as text or
 * taken from an image ({@link sc.fiji.convnet.filters.KernelParser}, {@link sc.fiji.convnet.filters.Kernel2D}),
 * applied by {@link sc.fiji.convnet.filters.Convolution2D} through the engine's convolution kernels; the edge
 * detectors of eqs. 10.3–10.4 ({@link sc.fiji.convnet.filters.EdgeFilters}); Gabor filters and banks of eqs.
 * 10.6–10.8 ({@link sc.fiji.convnet.filters.GaborFilter}, {@link sc.fiji.convnet.filters.GaborBank}); pooling and
 * up-sampling ({@link sc.fiji.convnet.filters.Pooling}, {@link sc.fiji.convnet.filters.Upsampling}).
 * <p>
 * Everything takes plain float arrays or {@link sc.fiji.convnet.tensor.Tensor}s (N×C×H×W) and knows no ImageJ;
 * {@code sc.fiji.convnet.ij} applies these filters to ImageJ planes and stacks.
 */
package sc.fiji.convnet.filters;
