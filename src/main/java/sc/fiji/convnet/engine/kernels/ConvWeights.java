package sc.fiji.convnet.engine.kernels;

/**
 * Weight layouts shared by the fast kernels, and the transposed convolution that computes the input gradient.
 * The input gradient of a stride-1 convolution is itself a forward convolution: of dy, padded by
 * (effective kernel − 1 − pad), with the kernel flipped and its input and output channels swapped.
 */
final class ConvWeights {

	private ConvWeights() {}

	/** The geometry whose forward pass is the input gradient of g, or null where that needs a stride or a negative padding. */
	static ConvGeometry transposed(ConvGeometry g) {
		if (g.strideH != 1 || g.strideW != 1) return null;
		int effH = g.dilationH * (g.kh - 1) + 1, effW = g.dilationW * (g.kw - 1) + 1;
		int pt = effH - 1 - g.padTop, pl = effW - 1 - g.padLeft;
		int pb = g.h - g.oh + g.padTop, pr = g.w - g.ow + g.padLeft;
		if (pt < 0 || pl < 0 || pb < 0 || pr < 0) return null;
		return new ConvGeometry(g.n, g.cout, g.oh, g.ow, g.cin, g.kh, g.kw, 1, 1, g.dilationH, g.dilationW, pt, pl, pb, pr, g.groups);
	}

	/**
	 * The weight that geometry g applies from input channel ci (within the group) to output channel coLocal
	 * (within group grp) at tap (ky, kx). With {@code orig} null that is w itself; otherwise g is
	 * {@code transposed(orig)} and the weight comes from orig's w, flipped and channel-swapped.
	 */
	static float at(ConvGeometry g, float[] w, ConvGeometry orig, int grp, int coLocal, int ci, int ky, int kx) {
		int kh = g.kh, kw = g.kw;
		if (orig == null) return w[(((grp * g.coutPerGroup() + coLocal) * g.cinPerGroup() + ci) * kh + ky) * kw + kx];
		int origCo = grp * orig.coutPerGroup() + ci;
		return w[((origCo * orig.cinPerGroup() + coLocal) * kh + (kh - 1 - ky)) * kw + (kw - 1 - kx)];
	}

	/** wp[coLocal·taps + (ci·kh + ky)·kw + kx] for every output channel of group grp. */
	static void pack(ConvGeometry g, float[] w, ConvGeometry orig, int grp, float[] wp) {
		int taps = g.cinPerGroup() * g.kh * g.kw;
		for (int co = 0; co < g.coutPerGroup(); co++)
			for (int ci = 0; ci < g.cinPerGroup(); ci++)
				for (int ky = 0; ky < g.kh; ky++)
					for (int kx = 0; kx < g.kw; kx++)
						wp[co * taps + (ci * g.kh + ky) * g.kw + kx] = at(g, w, orig, grp, co, ci, ky, kx);
	}
}
