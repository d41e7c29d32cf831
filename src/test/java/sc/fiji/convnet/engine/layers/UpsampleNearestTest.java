package sc.fiji.convnet.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.tensor.Tensor;

/** Up-sampling against its definition, y[p, oy, ox] = x[p, oy / fh, ox / fw], on small (one thread) and large passes. */
class UpsampleNearestTest {

	@Test
	void everyOutputIsTheInputValueOfItsBlock() {
		int[][] cases = { { 2, 2, 1, 3, 5, 7 }, { 3, 2, 2, 2, 4, 3 }, { 1, 3, 1, 4, 6, 5 }, { 2, 2, 1, 48, 24, 30 }, { 2, 3, 2, 16, 33, 17 } };
		for (int[] c : cases) {
			int fh = c[0], fw = c[1], n = c[2], ch = c[3], h = c[4], w = c[5];
			Tensor x = Tensor.zeros(n, ch, h, w);
			Random r = new Random(h * 31 + w);
			for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextGaussian();
			UpsampleNearest up = new UpsampleNearest(fh, fw);
			Tensor y = null;
			for (int pass = 0; pass < 2; pass++) y = up.forward(new Tensor[] { x }, pass == 0 ? Phase.INFERENCE : Phase.TRAINING);
			int oh = h * fh, ow = w * fw;
			assertEquals(n * ch * oh * ow, y.size());
			for (int p = 0; p < n * ch; p++)
				for (int oy = 0; oy < oh; oy++)
					for (int ox = 0; ox < ow; ox++)
						assertEquals(x.data()[(p * h + oy / fh) * w + ox / fw], y.data()[(p * oh + oy) * ow + ox],
								"factors " + fh + "×" + fw + ", plane " + p + " at (" + oy + ", " + ox + ")");
		}
	}
}
