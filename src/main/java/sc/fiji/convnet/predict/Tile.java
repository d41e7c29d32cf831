package sc.fiji.convnet.predict;

/**
 * One tile of a {@link TileGrid}, in image coordinates (longs: images may exceed 2^31 pixels).
 * The model reads {@code inputWidth × inputHeight} pixels from {@code (inputX, inputY)} (mirrored where
 * that leaves the image) and only the core, {@code coreWidth × coreHeight} pixels at {@code (coreX, coreY)},
 * is kept; in the tile the core starts at {@code (coreX − inputX, coreY − inputY)}.
 *
 * @param column the tile's column in the grid
 * @param row    the tile's row in the grid
 */
public record Tile(long column, long row, long coreX, long coreY, int coreWidth, int coreHeight,
		long inputX, long inputY, int inputWidth, int inputHeight) {

	/** Offset of the core inside the input tile along x. */
	public int coreOffsetX() { return (int) (coreX - inputX); }

	/** Offset of the core inside the input tile along y. */
	public int coreOffsetY() { return (int) (coreY - inputY); }
}
