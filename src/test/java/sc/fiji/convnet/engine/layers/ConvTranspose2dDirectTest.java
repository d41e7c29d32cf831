package sc.fiji.convnet.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The direct forward pass for stride = kernel (U-Net up-sampling) against a double-precision evaluation
 * of the definition and against the general kernels' path.
 */
class ConvTranspose2dDirectTest {

	@ParameterizedTest
	@CsvSource({ "2,3,5,4,6,2,2", "1,1,1,1,1,2,2", "3,4,2,5,3,3,2", "2,17,9,8,8,2,2" })
	void directPathMatchesDefinitionAndGeneralKernels(int n, int cin, int cout, int h, int w, int kh, int kw) {
		SplittableRandom r = new SplittableRandom(n * 1000 + cin * 100 + kh);
		ConvTranspose2d direct = new ConvTranspose2d(cin, cout, kh, kw).stride(kh, kw);
		ConvTranspose2d general = new ConvTranspose2d(cin, cout, kh, kw).stride(kh, kw).direct(false);
		fill(direct.weight().value(), r);
		fill(direct.biasParameter().value(), r);
		general.weight().set(direct.weight().value().data());
		general.biasParameter().set(direct.biasParameter().value().data());
		Tensor x = fill(Tensor.zeros(n, cin, h, w), r);

		Tensor y = direct.forward(x, Phase.TRAINING);
		assertArrayEquals(new int[] { n, cout, kh * h, kw * w }, y.shape());
		float[] wt = direct.weight().value().data(), b = direct.biasParameter().value().data();
		for (int s = 0; s < n; s++)
			for (int o = 0; o < cout; o++)
				for (int yy = 0; yy < kh * h; yy++)
					for (int xx = 0; xx < kw * w; xx++) {
						double v = b[o];
						for (int c = 0; c < cin; c++)
							v += (double) x.get(s, c, yy / kh, xx / kw) * wt[((c * cout + o) * kh + yy % kh) * kw + xx % kw];
						assertEquals(v, y.get(s, o, yy, xx), 1e-5 * (1 + Math.abs(v)), "y at " + s + "," + o + "," + yy + "," + xx);
					}
		Tensor yGeneral = general.forward(x, Phase.TRAINING);
		assertArrayEquals(yGeneral.data(), y.data(), 1e-5f);

		// the backward pass reads the cache that the direct forward pass left: same gradients as after the general one
		Tensor dy = fill(Tensor.zeros(y.shape()), r);
		Tensor dx = direct.backward(dy)[0], dxGeneral = general.backward(dy)[0];
		assertArrayEquals(dxGeneral.data(), dx.data(), 0f);
		assertArrayEquals(general.weight().grad().data(), direct.weight().grad().data(), 0f);
	}

	private static Tensor fill(Tensor t, SplittableRandom r) {
		for (int i = 0; i < t.size(); i++) t.data()[i] = (float) (2 * r.nextDouble() - 1);
		return t;
	}
}
