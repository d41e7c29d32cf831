package sc.fiji.convnet.engine.layers;

import java.util.Arrays;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.ReceptiveField;

/**
 * Bilinear resizing with align_corners = false (ONNX Resize linear with half_pixel coordinates, PyTorch
 * interpolate bilinear): output pixel o maps to source coordinate (o + ½)/scale − ½, clamped at 0, and
 * interpolates its two neighbours per axis. Either a scale factor (output ⌊H·scale⌋, and the given
 * scale is used for the mapping) or a fixed output size (scale = out/in).
 */
public final class ResizeBilinear extends FixedLinearMap {

	private final double scaleH, scaleW;
	private final int sizeH, sizeW; // 0 when scales are used

	private ResizeBilinear(double scaleH, double scaleW, int sizeH, int sizeW) {
		this.scaleH = scaleH; this.scaleW = scaleW; this.sizeH = sizeH; this.sizeW = sizeW;
	}

	public static ResizeBilinear scale(double sh, double sw) {
		if (!(sh > 0 && sw > 0)) throw new IllegalArgumentException("ResizeBilinear: scales must be positive, got " + sh + "×" + sw);
		return new ResizeBilinear(sh, sw, 0, 0);
	}

	public static ResizeBilinear size(int h, int w) {
		if (h <= 0 || w <= 0) throw new IllegalArgumentException("ResizeBilinear: size must be positive, got " + h + "×" + w);
		return new ResizeBilinear(0, 0, h, w);
	}

	@Override public String type() { return "ResizeBilinear"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		if (sizeH > 0) o.add("size", array(sizeH, sizeW));
		else { o.addProperty("scaleH", scaleH); o.addProperty("scaleW", scaleW); }
		return o;
	}

	public static ResizeBilinear fromConfig(JsonObject o) {
		if (o.has("size")) { int[] s = ints(o, "size"); return size(s[0], s[1]); }
		return scale(o.get("scaleH").getAsDouble(), o.get("scaleW").getAsDouble());
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		requireRank4(in[0]);
		int oh = sizeH > 0 ? sizeH : (int) Math.floor(in[0][2] * scaleH), ow = sizeW > 0 ? sizeW : (int) Math.floor(in[0][3] * scaleW);
		if (oh <= 0 || ow <= 0) throw error("input " + Arrays.toString(in[0]) + " resizes to an empty " + oh + "×" + ow);
		return new int[] { in[0][0], in[0][1], oh, ow };
	}

	/** For each output index along one axis: lower source index, upper source index, weight of the upper. */
	private static void axis(int in, int out, double scale, int[] lo, int[] hi, float[] wHi) {
		for (int o = 0; o < out; o++) {
			double src = Math.max(0, (o + 0.5) / scale - 0.5);
			int a = Math.min((int) Math.floor(src), in - 1);
			lo[o] = a;
			hi[o] = Math.min(a + 1, in - 1);
			wHi[o] = (float) (src - a);
		}
	}

	@Override
	void sweep(int[] s, int[] o, float[] src, float[] dst, boolean forward) {
		int h = s[2], w = s[3], oh = o[2], ow = o[3];
		int[] y0 = new int[oh], y1 = new int[oh], x0 = new int[ow], x1 = new int[ow];
		float[] wy = new float[oh], wx = new float[ow];
		axis(h, oh, sizeH > 0 ? (double) oh / h : scaleH, y0, y1, wy);
		axis(w, ow, sizeW > 0 ? (double) ow / w : scaleW, x0, x1, wx);
		for (int p = 0; p < s[0] * s[1]; p++) {
			int ip = p * h * w, op = p * oh * ow;
			for (int oy = 0; oy < oh; oy++) {
				float b = wy[oy], a = 1 - b;
				int r0 = ip + y0[oy] * w, r1 = ip + y1[oy] * w;
				for (int ox = 0; ox < ow; ox++) {
					float d = wx[ox], c = 1 - d;
					int oi = op + oy * ow + ox;
					if (forward)
						dst[oi] = a * (c * src[r0 + x0[ox]] + d * src[r0 + x1[ox]]) + b * (c * src[r1 + x0[ox]] + d * src[r1 + x1[ox]]);
					else {
						float g = src[oi];
						dst[r0 + x0[ox]] += a * c * g; dst[r0 + x1[ox]] += a * d * g;
						dst[r1 + x0[ox]] += b * c * g; dst[r1 + x1[ox]] += b * d * g;
					}
				}
			}
		}
	}

	@Override
	public ReceptiveField receptiveField(ReceptiveField... in) {
		double s = sizeH > 0 ? 2 : scaleH; // with a fixed size the factor depends on the input; report ×2
		return new ReceptiveField(in[0].size() + in[0].jump(), in[0].jump() / s);
	}

}
