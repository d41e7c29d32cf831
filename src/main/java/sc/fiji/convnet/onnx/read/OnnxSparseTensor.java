package sc.fiji.convnet.onnx.read;

/**
 * A sparse constant: {@code values} (shape [NNZ]) at {@code indices} (shape [NNZ, rank] or linear [NNZ]) in a dense
 * tensor of shape {@code dims}.
 */
public record OnnxSparseTensor(OnnxTensor values, OnnxTensor indices, long[] dims) {

	public OnnxSparseTensor {
		dims = dims.clone();
	}

	@Override
	public long[] dims() { return dims.clone(); }
}
