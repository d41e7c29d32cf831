package sc.fiji.convnet.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.Flatten;
import sc.fiji.convnet.engine.layers.GlobalAvgPool2d;
import sc.fiji.convnet.engine.layers.Linear;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Grad-CAM on a network that learnt its task: a small CNN trained here to tell a bright 5×5 square from a dark
 * one on noise must point at the square (the pointing game, as for the cell classifier, with the square as the box).
 */
class TrainedGradCamTest {

	static final int SIZE = 32, HALF = 2;

	/** One image with a square of class c (0 bright, 1 dark) centred at (x, y); returns {x, y}. */
	static int[] sample(SplittableRandom r, float[] plane, int c) {
		for (int i = 0; i < plane.length; i++) plane[i] = (float) (0.25 * r.nextGaussian());
		int x = HALF + r.nextInt(SIZE - 2 * HALF), y = HALF + r.nextInt(SIZE - 2 * HALF);
		for (int dy = -HALF; dy <= HALF; dy++)
			for (int dx = -HALF; dx <= HALF; dx++) plane[(y + dy) * SIZE + x + dx] += c == 0 ? 1f : -1f;
		return new int[] { x, y };
	}

	static Network classifier() {
		NetworkBuilder b = new NetworkBuilder(1).seed(17);
		b.then(new Conv2d(1, 8, 3).padding(1).named("conv1"));
		b.then(new ReLU().named("relu1"));
		b.then(new MaxPool2d(2).named("pool1"));
		b.then(new Conv2d(8, 16, 3).padding(1).named("conv2"));
		b.then(new ReLU().named("relu2"));
		b.then(new GlobalAvgPool2d().named("gap"));
		b.then(new Flatten().named("flatten"));
		b.then(new Linear(16, 2).named("fc"));
		return b.build();
	}

	@Test
	void gradCamOfATrainedClassifierPointsAtTheObject() {
		Network net = classifier();
		Adam adam = new Adam(net.parameters(), 0.01);
		SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
		SplittableRandom r = new SplittableRandom(5);
		int batch = 16, plane = SIZE * SIZE;
		double last = 0;
		for (int step = 0; step < 150; step++) {
			Tensor x = Tensor.zeros(batch, 1, SIZE, SIZE), t = Tensor.zeros(batch);
			float[] img = new float[plane];
			for (int i = 0; i < batch; i++) {
				int c = r.nextInt(2);
				sample(r, img, c);
				System.arraycopy(img, 0, x.data(), i * plane, plane);
				t.data()[i] = c;
			}
			adam.zeroGrad();
			last = loss.forward(net.forward(x, Phase.TRAINING), t);
			net.backward(loss.gradient());
			adam.step();
		}
		net.clearCaches();
		int correct = 0, hits = 0, occlusionHits = 0, n = 60;
		for (int i = 0; i < n; i++) {
			int c = i % 2;
			float[] img = new float[plane];
			int[] at = sample(r, img, c);
			Tensor x = new Tensor(img, 1, 1, SIZE, SIZE);
			GradCam.Result g = GradCam.of(net).classIndex(c).compute(x);
			if (ClassScores.argmax(g.scores()) == c) correct++;
			PointingGame.Box box = new PointingGame.Box("square", at[0] - HALF, at[1] - HALF, at[0] + HALF, at[1] + HALF);
			if (PointingGame.hit(g.map(), List.of(box), 0)) hits++;
			if (i < 20) {
				SaliencyMap occ = OcclusionSensitivity.of(BatchClassifier.of(net)).patch(6).stride(2).baseline(0).batchSize(32).classIndex(c).softmax(false).compute(x);
				if (PointingGame.hit(occ, List.of(box), 2)) occlusionHits++; // 2 px: the occluder moves in steps of 2
			}
		}
		System.out.printf("Occlusion (6×6 patches, stride 2, logits) pointing game (tolerance 2) %d/20%n", occlusionHits);
		assertTrue(occlusionHits >= 18, "occlusion points into the square: " + occlusionHits + "/20");
		System.out.printf("Trained classifier: final training loss %.4f, test accuracy %d/%d, Grad-CAM pointing game (tolerance 0) %d/%d%n", last, correct, n, hits, n);
		assertTrue(correct >= 0.95 * n, "the classifier learnt the task: " + correct + "/" + n);
		assertTrue(hits >= 0.9 * n, "Grad-CAM points into the square: " + hits + "/" + n);
	}
}
