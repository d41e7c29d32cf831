package sc.fiji.convnet.onnx.read;

/**
 * One dimension of a declared shape: a number, a symbol (dim_param such as "batch"), or unknown.
 *
 * @param value the size, or -1 when symbolic or unknown
 * @param param the symbol, or null
 */
public record Dimension(long value, String param) {

	public static Dimension unknown() { return new Dimension(-1, null); }

	public boolean isFixed() { return value >= 0; }

	@Override
	public String toString() { return value >= 0 ? String.valueOf(value) : param != null ? param : "?"; }
}
