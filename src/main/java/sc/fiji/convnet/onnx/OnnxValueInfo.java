package sc.fiji.convnet.onnx;

import java.util.Arrays;

/**
 * Name, shape and element type of one model input or output as ONNX Runtime reports them.
 * Dynamic axes (symbolic or unknown) are -1 in {@link #shape()}.
 */
public record OnnxValueInfo(String name, long[] shape, String elementType) {

	public OnnxValueInfo {
		shape = shape.clone();
	}

	@Override
	public long[] shape() { return shape.clone(); }

	public int rank() { return shape.length; }

	public boolean isDynamic(int axis) { return shape[axis] < 0; }

	@Override
	public String toString() {
		return name + " " + elementType + Arrays.toString(shape);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof OnnxValueInfo v && v.name.equals(name) && Arrays.equals(v.shape, shape) && v.elementType.equals(elementType);
	}

	@Override
	public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(shape); }
}
