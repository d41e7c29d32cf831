package sc.fiji.convnet.onnx.read;

/** An operator set the model uses; the empty domain (or "ai.onnx") is the standard ONNX one. */
public record OpsetImport(String domain, long version) {

	public boolean isDefaultDomain() { return domain.isEmpty() || domain.equals("ai.onnx"); }

	@Override
	public String toString() { return (domain.isEmpty() ? "ai.onnx" : domain) + " v" + version; }
}
