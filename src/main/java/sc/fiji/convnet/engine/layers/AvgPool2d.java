package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.engine.kernels.ConvGeometry;

/**
 * Average pooling over KH×KW windows with stride and zero padding. With {@code countIncludePad} the
 * divisor is always KH·KW (PyTorch's default); without it, only the cells inside the image count
 * (ONNX AveragePool's default).
 */
public final class AvgPool2d extends FixedLinearMap {

	private final int kh, kw, strideH, strideW;
	private int padH, padW;
	private boolean countIncludePad = true;

	public AvgPool2d(int kernel) { this(kernel, kernel, kernel, kernel); }

	public AvgPool2d(int kh, int kw, int strideH, int strideW) {
		if (kh <= 0 || kw <= 0 || strideH <= 0 || strideW <= 0)
			throw new IllegalArgumentException("AvgPool2d: kernel and stride must be positive, got " + kh + "×" + kw + " / " + strideH + "×" + strideW);
		this.kh = kh; this.kw = kw; this.strideH = strideH; this.strideW = strideW;
	}

	public AvgPool2d padding(int ph, int pw) {
		if (ph < 0 || pw < 0 || ph > kh / 2 || pw > kw / 2) throw error("padding " + ph + "×" + pw + " must lie in [0, kernel/2] for kernel " + kh + "×" + kw);
		padH = ph; padW = pw; return this;
	}

	public AvgPool2d countIncludePad(boolean b) { countIncludePad = b; return this; }

	@Override public String type() { return "AvgPool2d"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("kernel", array(kh, kw)); o.add("stride", array(strideH, strideW)); o.add("padding", array(padH, padW));
		o.addProperty("countIncludePad", countIncludePad);
		return o;
	}

	public static AvgPool2d fromConfig(JsonObject o) {
		int[] k = ints(o, "kernel"), s = ints(o, "stride"), p = ints(o, "padding");
		return new AvgPool2d(k[0], k[1], s[0], s[1]).padding(p[0], p[1]).countIncludePad(o.get("countIncludePad").getAsBoolean());
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		int[] s = in[0];
		requireRank4(s);
		if (kh > s[2] + 2 * padH || kw > s[3] + 2 * padW) throw error("window " + kh + "×" + kw + " is larger than the padded input " + Arrays.toString(s));
		return new int[] { s[0], s[1], ConvGeometry.outputSize(s[2], kh, strideH, 1, 2 * padH), ConvGeometry.outputSize(s[3], kw, strideW, 1, 2 * padW) };
	}

	/** Visits every (output, input) pair of a window with the weight 1/count. */
	@Override
	void sweep(int[] s, int[] o, float[] src, float[] dst, boolean forward) {
		int h = s[2], w = s[3], oh = o[2], ow = o[3];
		for (int p = 0; p < s[0] * s[1]; p++)
			for (int oy = 0; oy < oh; oy++)
				for (int ox = 0; ox < ow; ox++) {
					int y0 = oy * strideH - padH, x0 = ox * strideW - padW;
					int ya = Math.max(0, y0), yb = Math.min(h, y0 + kh), xa = Math.max(0, x0), xb = Math.min(w, x0 + kw);
					int count = countIncludePad ? kh * kw : (yb - ya) * (xb - xa);
					int oi = (p * oh + oy) * ow + ox;
					if (forward) {
						double sum = 0;
						for (int y = ya; y < yb; y++) for (int x = xa; x < xb; x++) sum += src[(p * h + y) * w + x];
						dst[oi] = (float) (sum / count);
					} else {
						float g = src[oi] / count;
						for (int y = ya; y < yb; y++) for (int x = xa; x < xb; x++) dst[(p * h + y) * w + x] += g;
					}
				}
	}

	@Override public ReceptiveField receptiveField(ReceptiveField... in) { return in[0].window(kh, strideH); }
}
