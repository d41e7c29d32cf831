package sc.fiji.convnet.filters;

/** Which output positions a convolution keeps. */
public enum OutputSize {
	/** Only positions where the kernel lies wholly inside the image: (H − KH)/stride + 1 rows. */
	VALID,
	/** As many positions as pixels (⌈H/stride⌉ rows); the image is padded by KH − 1 rows, the odd one at the bottom. */
	SAME
}
