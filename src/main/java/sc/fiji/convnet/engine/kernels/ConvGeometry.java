package sc.fiji.convnet.engine.kernels;

/**
 * Everything a 2-D convolution kernel needs to know about its shapes, independent of the values.
 * Input N×C_in×H×W, weights C_out×(C_in/groups)×KH×KW, output N×C_out×OH×OW with
 * OH = ⌊(H + padTop + padBottom − dilH·(KH−1) − 1)/strideH⌋ + 1 (same for the width).
 * Padding here is always zero padding; reflect and replicate padding are applied by the layer
 * before it calls the kernel.
 */
public final class ConvGeometry {

	public final int n, cin, h, w;
	public final int cout, kh, kw;
	public final int strideH, strideW, dilationH, dilationW;
	public final int padTop, padLeft, padBottom, padRight;
	public final int groups;
	public final int oh, ow;

	public ConvGeometry(int n, int cin, int h, int w, int cout, int kh, int kw,
			int strideH, int strideW, int dilationH, int dilationW,
			int padTop, int padLeft, int padBottom, int padRight, int groups) {
		this.n = n; this.cin = cin; this.h = h; this.w = w;
		this.cout = cout; this.kh = kh; this.kw = kw;
		this.strideH = strideH; this.strideW = strideW;
		this.dilationH = dilationH; this.dilationW = dilationW;
		this.padTop = padTop; this.padLeft = padLeft; this.padBottom = padBottom; this.padRight = padRight;
		this.groups = groups;
		if (n <= 0 || cin <= 0 || h <= 0 || w <= 0 || cout <= 0 || kh <= 0 || kw <= 0)
			throw new IllegalArgumentException("Conv: zero-size shape " + this);
		if (strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0 || groups <= 0)
			throw new IllegalArgumentException("Conv: stride, dilation and groups must be positive: " + this);
		if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0)
			throw new IllegalArgumentException("Conv: negative padding " + this);
		if (cin % groups != 0 || cout % groups != 0)
			throw new IllegalArgumentException("Conv: " + groups + " groups do not divide C_in=" + cin + " and C_out=" + cout);
		int effH = dilationH * (kh - 1) + 1, effW = dilationW * (kw - 1) + 1;
		if (effH > h + padTop + padBottom || effW > w + padLeft + padRight)
			throw new IllegalArgumentException("Conv: kernel " + kh + "×" + kw + " (dilated " + effH + "×" + effW
					+ ") is larger than the padded input " + (h + padTop + padBottom) + "×" + (w + padLeft + padRight));
		this.oh = outputSize(h, kh, strideH, dilationH, padTop + padBottom);
		this.ow = outputSize(w, kw, strideW, dilationW, padLeft + padRight);
	}

	/** ⌊(J + P_total − D·(M−1) − 1)/S⌋ + 1: the output length of a strided, dilated, padded convolution. */
	public static int outputSize(int inputSize, int kernelSize, int stride, int dilation, int totalPadding) {
		return Math.floorDiv(inputSize + totalPadding - dilation * (kernelSize - 1) - 1, stride) + 1;
	}

	public int cinPerGroup() { return cin / groups; }
	public int coutPerGroup() { return cout / groups; }
	public long inputSize() { return (long) n * cin * h * w; }
	public long outputSize() { return (long) n * cout * oh * ow; }
	public long weightSize() { return (long) cout * cinPerGroup() * kh * kw; }
	/** Multiply-adds of one forward pass (the benchmark's FLOP count is twice this). */
	public long macs() { return outputSize() * cinPerGroup() * kh * kw; }

	@Override
	public String toString() {
		return "[" + n + "×" + cin + "×" + h + "×" + w + " → " + cout + ", kernel " + kh + "×" + kw
				+ ", stride " + strideH + "×" + strideW + ", dilation " + dilationH + "×" + dilationW
				+ ", pad " + padTop + "," + padLeft + "," + padBottom + "," + padRight + ", groups " + groups + "]";
	}
}
