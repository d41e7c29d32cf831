package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.layers.*;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.engine.optim.Sgd;
import sc.fiji.convnet.tensor.Tensor;

/** End-to-end: networks learn synthetic tasks that need spatial structure, judged on held-out data. */
class TrainingTest {

	/** Images of one bright bar, vertical (class 0) or horizontal (class 1), at a random place, in noise. */
	static Tensor[] bars(SplittableRandom r, int n, int size) {
		Tensor x = Tensor.zeros(n, 1, size, size), t = Tensor.zeros(n);
		for (int i = 0; i < n; i++) {
			int cls = r.nextInt(2), at = r.nextInt(size), from = r.nextInt(size / 3), len = size / 2 + r.nextInt(size / 3);
			t.data()[i] = cls;
			for (int y = 0; y < size; y++)
				for (int xx = 0; xx < size; xx++) x.set((float) (0.3 * (r.nextDouble() - 0.5)), i, 0, y, xx);
			for (int k = from; k < Math.min(size, from + len); k++)
				if (cls == 0) x.set(1f, i, 0, k, at); else x.set(1f, i, 0, at, k);
		}
		return new Tensor[] { x, t };
	}

	static int argmax(Tensor logits, int n, int k, int spatial, int pos) {
		int best = 0;
		for (int c = 1; c < k; c++)
			if (logits.data()[(n * k + c) * spatial + pos] > logits.data()[(n * k + best) * spatial + pos]) best = c;
		return best;
	}

	@Test
	void smallCnnSeparatesVerticalFromHorizontalBars() {
		SplittableRandom r = new SplittableRandom(1);
		NetworkBuilder b = new NetworkBuilder(1).seed(3);
		b.then(new Conv2d(1, 6, 3).padding(1));
		b.then(new ReLU());
		b.then(new MaxPool2d(2));
		b.then(new Conv2d(6, 8, 3).padding(1));
		b.then(new ReLU());
		b.then(new GlobalAvgPool2d());
		b.then(new Conv2d(8, 2, 1));
		Network net = b.build();
		Trainer trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Sgd(net.parameters(), 0.05, 0.9, 1e-4, false));
		for (int step = 0; step < 300; step++) {
			Tensor[] batch = bars(r, 16, 12);
			trainer.step(batch[0], batch[1]);
		}
		Tensor[] test = bars(new SplittableRandom(99), 400, 12);
		Tensor out = net.forward(test[0]);
		int correct = 0;
		for (int i = 0; i < 400; i++) if (argmax(out, i, 2, 1, 0) == (int) test[1].data()[i]) correct++;
		assertTrue(correct / 400.0 > 0.95, "held-out accuracy " + correct / 400.0);
	}

	/** Disks ("nuclei") on a noisy background; labels 0 background, 1 interior, 2 boundary ring. */
	static Tensor[] nuclei(SplittableRandom r, int n, int size) {
		Tensor x = Tensor.zeros(n, 1, size, size), t = Tensor.zeros(n, size, size);
		for (int i = 0; i < n; i++) {
			for (int y = 0; y < size; y++)
				for (int xx = 0; xx < size; xx++) x.set((float) (0.2 * r.nextDouble()), i, 0, y, xx);
			int disks = 1 + r.nextInt(3);
			for (int d = 0; d < disks; d++) {
				double cy = 3 + r.nextDouble() * (size - 6), cx = 3 + r.nextDouble() * (size - 6), rad = 2 + r.nextDouble() * 2;
				for (int y = 0; y < size; y++)
					for (int xx = 0; xx < size; xx++) {
						double dist = Math.hypot(y - cy, xx - cx);
						if (dist <= rad) {
							x.set(0.8f + (float) (0.2 * r.nextDouble()), i, 0, y, xx);
							float old = t.get(i, y, xx);
							t.set(dist > rad - 1 || old == 2 ? 2 : Math.max(old, 1), i, y, xx);
						}
					}
			}
		}
		return new Tensor[] { x, t };
	}

	@Test
	void unetLearnsThreeClassNucleiSegmentation() {
		SplittableRandom r = new SplittableRandom(2);
		Network net = UNet.builder().inChannels(1).classes(3).depth(2).baseWidth(8).seed(5).build();
		Trainer trainer = new Trainer(net, new SoftmaxCrossEntropy(new float[] { 1, 1, 2 }), new Adam(net.parameters(), 1e-2));
		double first = 0, last = 0;
		for (int step = 0; step < 120; step++) {
			Tensor[] batch = nuclei(r, 4, 16);
			double l = trainer.step(batch[0], batch[1]);
			if (step < 10) first += l / 10;
			if (step >= 110) last += l / 10;
		}
		Tensor[] test = nuclei(new SplittableRandom(77), 16, 16);
		Tensor out = net.forward(test[0]);
		int correct = 0, total = 16 * 256, boundaryHit = 0, boundary = 0;
		for (int i = 0; i < 16; i++)
			for (int p = 0; p < 256; p++) {
				int truth = (int) test[1].data()[i * 256 + p], pred = argmax(out, i, 3, 256, p);
				if (truth == pred) correct++;
				if (truth == 2) { boundary++; if (pred == 2) boundaryHit++; }
			}
		System.out.printf("UNet nuclei: loss %.3f → %.3f, pixel accuracy %.3f, boundary recall %.3f%n", first, last,
				correct / (double) total, boundaryHit / (double) boundary);
		assertTrue(last < first / 2, "loss " + first + " → " + last);
		assertTrue(correct / (double) total > 0.9, "pixel accuracy " + correct / (double) total);
		assertTrue(boundaryHit / (double) boundary > 0.7, "boundary recall " + boundaryHit / (double) boundary);
	}
}
