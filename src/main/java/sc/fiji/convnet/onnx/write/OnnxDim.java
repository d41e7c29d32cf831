package sc.fiji.convnet.onnx.write;

/** One dimension of a graph input or output: a fixed size, or a named symbolic size such as "N". */
public final class OnnxDim {

	final long value;
	final String param;

	private OnnxDim(long value, String param) {
		this.value = value;
		this.param = param;
	}

	public static OnnxDim of(long size) {
		if (size < 0) throw new IllegalArgumentException("ONNX dimension: negative size " + size);
		return new OnnxDim(size, null);
	}

	public static OnnxDim param(String name) {
		if (name == null || name.isEmpty()) throw new IllegalArgumentException("ONNX dimension: empty symbolic name");
		return new OnnxDim(-1, name);
	}

	public static OnnxDim[] of(long... sizes) {
		OnnxDim[] d = new OnnxDim[sizes.length];
		for (int i = 0; i < sizes.length; i++) d[i] = of(sizes[i]);
		return d;
	}

	public boolean isSymbolic() { return param != null; }

	@Override
	public String toString() { return param != null ? param : Long.toString(value); }
}
