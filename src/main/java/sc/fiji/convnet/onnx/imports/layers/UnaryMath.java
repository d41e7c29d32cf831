package sc.fiji.convnet.onnx.imports.layers;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.layers.PointwiseFunction;

/**
 * Element-wise ONNX functions the engine's {@code Activation} does not have, with their derivatives: Exp, Log, Abs,
 * Neg, Sqrt, Reciprocal, Softplus, Softsign, Clip (a = min, b = max) and HardSigmoid (a = alpha, b = beta).
 */
public final class UnaryMath extends PointwiseFunction {

	public enum Kind {
		EXP { double f(double x, double a, double b) { return Math.exp(x); } double df(double x, double y, double a, double b) { return y; } },
		LOG { double f(double x, double a, double b) { return Math.log(x); } double df(double x, double y, double a, double b) { return 1 / x; } },
		ABS { double f(double x, double a, double b) { return Math.abs(x); } double df(double x, double y, double a, double b) { return x > 0 ? 1 : x < 0 ? -1 : 0; } },
		NEG { double f(double x, double a, double b) { return -x; } double df(double x, double y, double a, double b) { return -1; } },
		SQRT { double f(double x, double a, double b) { return Math.sqrt(x); } double df(double x, double y, double a, double b) { return 0.5 / y; } },
		RECIPROCAL { double f(double x, double a, double b) { return 1 / x; } double df(double x, double y, double a, double b) { return -y * y; } },
		SOFTPLUS {
			double f(double x, double a, double b) { return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)); }
			double df(double x, double y, double a, double b) { return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); }
		},
		SOFTSIGN { double f(double x, double a, double b) { return x / (1 + Math.abs(x)); } double df(double x, double y, double a, double b) { double q = 1 + Math.abs(x); return 1 / (q * q); } },
		CLIP { double f(double x, double a, double b) { return Math.min(b, Math.max(a, x)); } double df(double x, double y, double a, double b) { return x >= a && x <= b ? 1 : 0; } },
		HARD_SIGMOID {
			double f(double x, double a, double b) { return Math.max(0, Math.min(1, a * x + b)); }
			double df(double x, double y, double a, double b) { double v = a * x + b; return v > 0 && v < 1 ? a : 0; }
		};

		abstract double f(double x, double a, double b);
		abstract double df(double x, double y, double a, double b);
	}

	private final Kind kind;
	private final double a, b;

	public UnaryMath(Kind kind) { this(kind, 0, 0); }

	public UnaryMath(Kind kind, double a, double b) { this.kind = kind; this.a = a; this.b = b; }

	public Kind kind() { return kind; }

	@Override public String type() { return "OnnxUnary"; }

	@Override
	public JsonObject config() {
		JsonObject o = json();
		o.addProperty("kind", kind.name()); o.addProperty("a", a); o.addProperty("b", b);
		return o;
	}

	public static UnaryMath fromConfig(JsonObject o) {
		return new UnaryMath(Kind.valueOf(o.get("kind").getAsString()), o.get("a").getAsDouble(), o.get("b").getAsDouble());
	}

	@Override protected double f(double x) { return kind.f(x, a, b); }

	@Override protected double df(double x, double y) { return kind.df(x, y, a, b); }
}
