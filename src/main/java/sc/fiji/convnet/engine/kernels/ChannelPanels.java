package sc.fiji.convnet.engine.kernels;

/**
 * The weights as {@link VectorSmallPlanes} reads them: output channels in blocks of two vectors (the last block one
 * vector when at most one vector's worth of channels is left), and of a block, one tile of consecutive taps at a time
 * with the block's channels side by side: tile[k·width + c] is the weight of channel firstChannel + c at tap k0 + k
 * (tap k = (ci·KH + ky)·KW + kx), zero past the last channel. So the micro-kernel loads the weights of one tap for a
 * whole block as one or two vectors. A task that alone uses a block packs the tiles just before using them (packing
 * the whole weight array first, on one thread, cost as much as the arithmetic on 7×7 planes, where every weight is
 * used 49 times only); blocks that several tasks share are packed once beforehand, in parallel.
 * One group only.
 */
final class ChannelPanels {

	final int lanes, cout, taps, blocks;

	ChannelPanels(ConvGeometry g, int lanes) {
		this.lanes = lanes;
		this.cout = g.cout;
		this.taps = PatchPanels.taps(g);
		this.blocks = (cout + 2 * lanes - 1) / (2 * lanes);
	}

	int firstChannel(int cb) { return cb * 2 * lanes; }

	/** Two vectors wide, or one for a last block of at most one vector's worth of channels. */
	int width(int cb) { return cout - firstChannel(cb) <= lanes ? lanes : 2 * lanes; }

	/**
	 * Packs taps k0..k0+kc−1 of block cb into tile from index {@code at}. With {@code orig} null the weights are w; otherwise g is the
	 * transposed geometry of orig (its input gradient) and the weights are orig's w flipped and channel-swapped.
	 */
	void packTile(ConvGeometry g, float[] w, ConvGeometry orig, int cb, int k0, int kc, float[] tile, int at) {
		int co0 = firstChannel(cb), width = width(cb), kk = g.kh * g.kw;
		for (int c = 0; c < width; c++) {
			int co = co0 + c;
			if (co >= cout) {
				for (int k = 0; k < kc; k++) tile[at + k * width + c] = 0f;
			} else if (orig == null) { // w's row co holds the taps in order: one stream at a time
				for (int k = 0, from = co * taps + k0; k < kc; k++) tile[at + k * width + c] = w[from + k];
			} else
				for (int k = 0; k < kc; k++) {
					int tap = k0 + k, ci = tap / kk, ky = tap % kk / g.kw, kx = tap % g.kw;
					tile[at + k * width + c] = ConvWeights.at(g, w, orig, 0, co, ci, ky, kx);
				}
		}
	}
}
