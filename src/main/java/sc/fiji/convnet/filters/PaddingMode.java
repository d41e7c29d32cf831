package sc.fiji.convnet.filters;

/**
 * How pixels outside the image are made up before a kernel slides over it.
 * <ul>
 * <li>{@link #ZERO}: zeros (what a network layer usually does).</li>
 * <li>{@link #REFLECT}: mirrored about the edge pixel, which is not repeated: ... c b | a b c ... .</li>
 * <li>{@link #REPLICATE}: the nearest edge pixel, repeated: ... a a | a b c ... (ImageJ's own convention).</li>
 * </ul>
 * The engine gets its own {@code PaddingMode} with the same constants; the two are to be unified.
 */
public enum PaddingMode {
	ZERO, REFLECT, REPLICATE
}
