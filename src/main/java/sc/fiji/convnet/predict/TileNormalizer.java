package sc.fiji.convnet.predict;

/**
 * Pre-processing applied to each tile as it is read, with statistics fixed beforehand for the whole image
 * (never computed per tile, so neighbouring tiles cannot disagree).
 */
@FunctionalInterface
public interface TileNormalizer {

	/** Normalises {@code length} values of one channel plane in place, starting at {@code offset}. */
	void normalize(float[] values, int offset, int length, int channel);

	/** Leaves the values as they are. */
	TileNormalizer NONE = (values, offset, length, channel) -> {};
}
