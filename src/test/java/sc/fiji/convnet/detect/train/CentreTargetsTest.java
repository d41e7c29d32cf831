package sc.fiji.convnet.detect.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.CentreDecoder;
import sc.fiji.convnet.detect.CentreLayout;
import sc.fiji.convnet.detect.NonMaxSuppression;
import sc.fiji.convnet.tensor.Tensor;

/** Target assignment and decoding of the centre detector agree; its loss has the gradient it claims. */
class CentreTargetsTest {

	private final CentreLayout layout = new CentreLayout(List.of("Platelets", "RBC", "WBC"), 8);

	/** Two red cells overlapping (IoU ≈ 0.36), a platelet at the edge of one, a white cell, a lone red cell. */
	private static List<Box> scene() {
		return List.of(new Box("RBC", 1, 20, 30, 70, 64), new Box("RBC", 1, 60, 40, 72, 66), new Box("Platelets", 1, 84, 100, 22, 20),
				new Box("WBC", 1, 140, 130, 100, 96), new Box("RBC", 1, 150, 10, 60, 58));
	}

	/** The output a perfect network would give: heat logits of the targets, log-distances at the cells that regress. */
	private Tensor perfectOutput(float[] target, int gh, int gw) {
		int classes = layout.classes().size(), plane = gh * gw;
		float[] out = new float[layout.channels() * plane];
		for (int i = 0; i < classes * plane; i++) {
			double y = Math.min(1 - 1e-6, Math.max(1e-6, target[i]));
			out[i] = (float) Math.log(y / (1 - y));
		}
		for (int k = 0; k < 4; k++)
			for (int cell = 0; cell < plane; cell++) {
				float d = target[(classes + k) * plane + cell];
				out[(classes + k) * plane + cell] = d > 0 ? (float) Math.log(d) : -3;
			}
		return new Tensor(out, 1, layout.channels(), gh, gw);
	}

	@Test
	void targetsDecodeToTheSameBoxes() {
		int gh = 32, gw = 32;
		List<Box> truth = scene();
		float[] target = new float[CentreTargets.channels(layout) * gh * gw];
		CentreTargets.encode(layout, truth, gh, gw, target, 0);
		List<Box> decoded = new NonMaxSuppression(0.5, 0.7, false).apply(new CentreDecoder(layout).decode(perfectOutput(target, gh, gw), 0, 0.5));
		assertEquals(truth.size(), decoded.size(), "one box per object, overlapping red cells included: " + decoded);
		for (Box t : truth) {
			Box best = decoded.stream().filter(d -> d.label().equals(t.label())).max(Comparator.comparingDouble(t::iou)).orElseThrow();
			assertEquals(1, best.score(), 1e-5);
			assertEquals(t.x(), best.x(), 1e-3, t + " vs " + best);
			assertEquals(t.y(), best.y(), 1e-3);
			assertEquals(t.width(), best.width(), 1e-3);
			assertEquals(t.height(), best.height(), 1e-3);
		}
	}

	@Test
	void heatPeaksAtCentresAndWeightsSumToOnePerObject() {
		int gh = 32, gw = 32, plane = gh * gw;
		float[] target = new float[2 * CentreTargets.channels(layout) * plane];
		CentreTargets.encode(layout, scene(), gh, gw, target, 1);
		int base = CentreTargets.channels(layout) * plane;
		int peaks = 0;
		for (int i = 0; i < 3 * plane; i++) if (target[base + i] == 1f) peaks++;
		assertEquals(5, peaks);
		double weights = 0;
		for (int cell = 0; cell < plane; cell++) weights += target[base + 7 * plane + cell];
		assertEquals(5, weights, 1e-4);
		for (int i = 0; i < base; i++) assertEquals(0f, target[i], "sample 0 untouched");
		// the platelet's centre cell (95, 110) / 8 = (11, 13) regresses the platelet, the smaller box, not the red cell around it
		int cell = 13 * gw + 11;
		assertEquals((11.5 * 8 - 84) / 8, target[base + 3 * plane + cell], 1e-5);
	}

	@Test
	void centreLossGradientByFiniteDifferences() {
		int gh = 5, gw = 6, n = 2;
		CentreLayout small = new CentreLayout(List.of("a", "b"), 8);
		float[] target = new float[n * CentreTargets.channels(small) * gh * gw];
		CentreTargets.encode(small, List.of(new Box("a", 1, 4, 6, 20, 16), new Box("b", 1, 14, 10, 24, 22)), gh, gw, target, 0);
		CentreTargets.encode(small, List.of(new Box("b", 1, 20, 3, 12, 30)), gh, gw, target, 1);
		Tensor t = new Tensor(target, n, CentreTargets.channels(small), gh, gw);
		SplittableRandom rng = new SplittableRandom(5);
		float[] y = new float[n * small.channels() * gh * gw];
		for (int i = 0; i < y.length; i++) y[i] = (float) (rng.nextDouble() * 3 - 1.5);
		CentreDetectionLoss loss = new CentreDetectionLoss(small, 2);
		double value = loss.forward(new Tensor(y.clone(), n, small.channels(), gh, gw), t);
		assertEquals(loss.lastFocal() + 2 * loss.lastBox(), value, 1e-9);
		assertTrue(loss.lastBox() > 0 && loss.lastBox() < 2, "1 − GIoU lies in (0, 2): " + loss.lastBox());
		float[] g = loss.gradient().data().clone();
		double h = 1e-3;
		List<Integer> checked = new ArrayList<>();
		for (int i = 0; i < y.length; i++) {
			float[] p = y.clone(), m = y.clone();
			p[i] += (float) h;
			m[i] -= (float) h;
			double numeric = (loss.forward(new Tensor(p, n, small.channels(), gh, gw), t) - loss.forward(new Tensor(m, n, small.channels(), gh, gw), t)) / (2 * h);
			assertEquals(numeric, g[i], 1e-3 + 1e-3 * Math.abs(numeric), "gradient at " + i);
			if (g[i] != 0) checked.add(i);
		}
		// every heat value has a gradient, and the box values of the cells that regress a box
		assertTrue(checked.size() > n * 2 * gh * gw + 8, "heat and box values have gradients: " + checked.size());
	}
}
