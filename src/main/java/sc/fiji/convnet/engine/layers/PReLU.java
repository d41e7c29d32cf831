package sc.fiji.convnet.engine.layers;

import java.util.List;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Initializer;
import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** Parametric ReLU: y = x for x > 0, a_c·x otherwise, with a learned slope per channel (or one shared). */
public final class PReLU extends Layer {

	private final int channels;
	private final Parameter slope;
	private Tensor input;

	/** @param channels 1 for one shared slope, else the number of channels (axis 1) */
	public PReLU(int channels) { this(channels, 0.25f); }

	public PReLU(int channels, float initialSlope) {
		if (channels <= 0) throw new IllegalArgumentException("PReLU: channels must be positive, got " + channels);
		this.channels = channels;
		slope = new Parameter("slope", Initializer.constant(initialSlope), true, channels);
	}

	public Parameter slope() { return slope; }

	@Override public String type() { return "PReLU"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("channels", channels);
		return o;
	}

	public static PReLU fromConfig(JsonObject o) { return new PReLU(o.get("channels").getAsInt()); }

	@Override public List<Parameter> parameters() { return List.of(slope); }

	@Override
	public int[] outputShape(int[]... in) {
		requireInputs(in, 1);
		if (channels > 1 && (in[0].length < 2 || in[0][1] != channels))
			throw error("expects " + channels + " channels on axis 1, got shape " + java.util.Arrays.toString(in[0]));
		return in[0].clone();
	}

	/** The size of one channel's block (the product of the axes after 1) and the channel count. */
	private int inner(int[] s) {
		int inner = 1;
		for (int i = 2; i < s.length; i++) inner *= s[i];
		return inner;
	}

	@Override
	public Tensor forward(Tensor[] inputs, Phase phase) {
		int[] s = outputShape(inputs[0].shape());
		int inner = inner(s), c = s.length > 1 ? s[1] : 1;
		float[] x = inputs[0].data(), y = new float[x.length], a = slope.value().data();
		for (int i = 0; i < x.length; i++) {
			float ai = a[channels == 1 ? 0 : (i / inner) % c];
			y[i] = x[i] > 0 ? x[i] : ai * x[i];
		}
		input = phase.records() ? inputs[0] : null;
		return new Tensor(y, s);
	}

	@Override
	public Tensor[] backward(Tensor dy) {
		if (input == null) throw noCache();
		int[] s = input.shape();
		int inner = inner(s), c = s.length > 1 ? s[1] : 1;
		float[] x = input.data(), d = dy.data(), dx = new float[x.length], a = slope.value().data(), da = slope.grad().data();
		double[] acc = new double[channels];
		for (int i = 0; i < x.length; i++) {
			int ch = channels == 1 ? 0 : (i / inner) % c;
			if (x[i] > 0) dx[i] = d[i];
			else { dx[i] = a[ch] * d[i]; acc[ch] += (double) d[i] * x[i]; }
		}
		for (int ch = 0; ch < channels; ch++) da[ch] += (float) acc[ch];
		return new Tensor[] { new Tensor(dx, s) };
	}

	@Override public void clearCache() { input = null; }
}
