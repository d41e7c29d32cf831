package sc.fiji.convnet.onnx.read;

import java.util.List;

/**
 * A graph input, output or intermediate value: its name, element type and shape. A value whose type is not a tensor
 * (a sequence, a map, an optional) has {@code kind} other than "tensor" and no element type; an unknown shape
 * (no shape given at all) is {@code shape == null}, unlike a scalar's empty list.
 */
public record ValueInfo(String name, String kind, DataType elementType, List<Dimension> shape, String docString) {

	public ValueInfo {
		shape = shape == null ? null : List.copyOf(shape);
	}

	public boolean isTensor() { return "tensor".equals(kind); }

	public boolean hasShape() { return shape != null; }

	/** The shape with -1 for symbolic or unknown dimensions; null when the shape is unknown. */
	public long[] dims() {
		if (shape == null) return null;
		return shape.stream().mapToLong(Dimension::value).toArray();
	}

	@Override
	public String toString() {
		return name + ": " + (isTensor() ? (elementType == null ? "?" : elementType.onnxName()) + (shape == null ? "[?]" : shape.toString()) : kind);
	}
}
