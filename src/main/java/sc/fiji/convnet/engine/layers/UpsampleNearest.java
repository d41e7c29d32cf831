package sc.fiji.convnet.engine.layers;

import java.util.function.IntConsumer;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Loops;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.tensor.Tensor;

/** Nearest-neighbour up-sampling by integer factors: every value becomes an FH×FW block. */
public final class UpsampleNearest extends Layer {

	private final int fh, fw;
	private int[] inputShape;

	public UpsampleNearest(int factor) { this(factor, factor); }

	public UpsampleNearest(int fh, int fw) {
		if (fh <= 0 || fw <= 0) throw new IllegalArgumentException("UpsampleNearest: factors must be positive, got " + fh + "×" + fw);
		this.fh = fh; this.fw = fw;
	}

	@Override public String type() { return "UpsampleNearest"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.add("factor", array(fh, fw));
		return o;
	}

	public static UpsampleNearest fromConfig(JsonObject o) {
		int[] f = ints(o, "factor");
		return new UpsampleNearest(f[0], f[1]);
	}

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		requireRank4(in[0]);
		return new int[] { in[0][0], in[0][1], in[0][2] * fh, in[0][3] * fw };
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = inputs[0].shape(), o = outputShape(s);
		int h = s[2], w = s[3], oh = o[2], ow = o[3], planes = s[0] * s[1];
		float[] x = inputs[0].data();
		Tensor out = buffer(0, o);
		float[] y = out.data();
		IntConsumer plane = p -> {
			for (int iy = 0; iy < h; iy++) {
				int row = (p * h + iy) * w, first = (p * oh + iy * fh) * ow;
				if (fw == 2)
					for (int ix = 0, at = first; ix < w; ix++, at += 2) {
						float v = x[row + ix];
						y[at] = v;
						y[at + 1] = v;
					}
				else
					for (int ix = 0, at = first; ix < w; ix++)
						for (int k = 0; k < fw; k++) y[at++] = x[row + ix];
				for (int r = 1; r < fh; r++) System.arraycopy(y, first, y, first + r * ow, ow); // the block's other rows
			}
		};
		Loops.planes(planes, (long) planes * oh * ow, plane);
		inputShape = s;
		return out;
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (inputShape == null) throw noCache();
		int[] s = inputShape;
		int h = s[2], w = s[3], oh = h * fh, ow = w * fw;
		if (dy.size() != s[0] * s[1] * oh * ow) throw error("output gradient " + dy.shapeString() + " does not match input " + java.util.Arrays.toString(s));
		Tensor dx = Tensor.zeros(s);
		float[] d = dy.data(), g = dx.data();
		for (int p = 0; p < s[0] * s[1]; p++)
			for (int oy = 0; oy < oh; oy++) {
				int row = p * h * w + (oy / fh) * w, orow = (p * oh + oy) * ow;
				for (int ox = 0; ox < ow; ox++) g[row + ox / fw] += d[orow + ox];
			}
		return new Tensor[] { dx };
	}

	@Override
	public ReceptiveField receptiveField(ReceptiveField... in) { return in[0].upsample(1, fh); }

	@Override public void clearCache() { inputShape = null; }
}
