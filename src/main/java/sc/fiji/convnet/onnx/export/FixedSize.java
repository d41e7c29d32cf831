package sc.fiji.convnet.onnx.export;

/**
 * An input height and width fixed at export, for networks that accept only one size (a Flatten before a
 * fully connected layer); without it H and W are symbolic.
 */
public record FixedSize(int height, int width) {
	public FixedSize {
		if (height <= 0 || width <= 0) throw new IllegalArgumentException("FixedSize: height and width must be positive, got " + height + "×" + width);
	}
}
