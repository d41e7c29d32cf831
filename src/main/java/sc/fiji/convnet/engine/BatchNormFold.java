package sc.fiji.convnet.engine;

import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Conv2d;

/**
 * Inference batch normalization folded into the convolution before it. With s = γ/√(σ² + ε) per output channel,
 * BN(conv(x)) = s·(W∗x + b − μ) + β = (s·W)∗x + (s·(b − μ) + β): one convolution instead of a convolution and a
 * pass over its output.
 */
public final class BatchNormFold {

	private BatchNormFold() {}

	/** Rewrites the convolution's weights and bias (adding a bias if it had none) to include the normalization. */
	public static void fold(Conv2d conv, float[] gamma, float[] beta, float[] mean, float[] var, double eps) {
		int cout = conv.outChannels();
		if (gamma.length != cout || beta.length != cout || mean.length != cout || var.length != cout)
			throw new IllegalArgumentException("BatchNormFold: " + gamma.length + " channels of batch normalization after " + cout + " of convolution");
		float[] w = conv.weight().value().data().clone();
		float[] b = conv.biasParameter() == null ? new float[cout] : conv.biasParameter().value().data().clone();
		if (conv.biasParameter() == null) conv.bias(true); // makes new parameters: the weights are set again below
		int perChannel = w.length / cout; // weights are C_out×(C_in/groups)×KH×KW
		for (int o = 0; o < cout; o++) {
			double s = gamma[o] / Math.sqrt(var[o] + eps);
			for (int i = o * perChannel; i < (o + 1) * perChannel; i++) w[i] = (float) (w[i] * s);
			b[o] = (float) ((b[o] - (double) mean[o]) * s + beta[o]);
		}
		conv.weight().set(w);
		conv.biasParameter().set(b);
	}

	/** The same with an engine batch-normalization layer's parameters and running statistics. */
	public static void fold(Conv2d conv, BatchNorm2d bn) {
		fold(conv, bn.gamma().value().data(), bn.beta().value().data(), bn.runningMean().value().data(), bn.runningVar().value().data(), bn.eps());
	}
}
