package sc.fiji.convnet.engine.layers;

import com.google.gson.JsonObject;

/**
 * Element-wise nonlinearities y = f(x) of any shape; the backward pass uses f'(x) written in terms of
 * x and y. Built-in ones: {@link #leakyRelu(double)}, {@link #elu(double)},
 * {@link #selu()}, {@link #sigmoid()}, {@link #tanh()}; ReLU and PReLU are their own classes.
 */
public class Activation extends PointwiseFunction {

	/** The function and its derivative; {@code alpha} is the kind's one constant (slope, scale). */
	public enum Kind {
		LEAKY_RELU { double f(double x, double a) { return x > 0 ? x : a * x; } double df(double x, double y, double a) { return x > 0 ? 1 : a; } },
		ELU { double f(double x, double a) { return x > 0 ? x : a * Math.expm1(x); } double df(double x, double y, double a) { return x > 0 ? 1 : y + a; } },
		SELU {
			double f(double x, double a) { return SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)); }
			double df(double x, double y, double a) { return x > 0 ? SELU_SCALE : y + SELU_SCALE * SELU_ALPHA; }
		},
		SIGMOID { double f(double x, double a) { return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); } double df(double x, double y, double a) { return y * (1 - y); } },
		TANH { double f(double x, double a) { return Math.tanh(x); } double df(double x, double y, double a) { return 1 - y * y; } };

		abstract double f(double x, double alpha);
		abstract double df(double x, double y, double alpha);
	}

	static final double SELU_ALPHA = 1.6732632423543772848170429916717, SELU_SCALE = 1.0507009873554804934193349852946;

	private final Kind kind;
	private final double alpha;

	public Activation(Kind kind, double alpha) {
		this.kind = kind;
		this.alpha = alpha;
	}

	public static Activation leakyRelu(double slope) { return new Activation(Kind.LEAKY_RELU, slope); }
	public static Activation elu(double alpha) { return new Activation(Kind.ELU, alpha); }
	public static Activation selu() { return new Activation(Kind.SELU, 0); }
	public static Activation sigmoid() { return new Activation(Kind.SIGMOID, 0); }
	public static Activation tanh() { return new Activation(Kind.TANH, 0); }

	public Kind kind() { return kind; }

	@Override public String type() { return "Activation"; }

	@Override
	public String name() {
		String n = super.name();
		return n.equals(type()) ? kind.name().toLowerCase().replace("_", "") : n;
	}

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("kind", kind.name());
		o.addProperty("alpha", alpha);
		return o;
	}

	public static Activation fromConfig(JsonObject o) {
		return new Activation(Kind.valueOf(o.get("kind").getAsString()), o.get("alpha").getAsDouble());
	}

	@Override protected double f(double x) { return kind.f(x, alpha); }

	@Override protected double df(double x, double y) { return kind.df(x, y, alpha); }
}
