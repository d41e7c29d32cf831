package sc.fiji.convnet.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Trainer;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.tensor.Tensor;

/** A run stopped at a checkpoint and resumed ends with exactly the weights of a run that never stopped. */
class TrainingCheckpointTest {

	@TempDir Path dir;

	private static Tensor[] batch(int step) {
		SplittableRandom r = new SplittableRandom(step);
		float[] x = new float[2 * 16 * 16], y = new float[2 * 16 * 16];
		for (int i = 0; i < x.length; i++) { x[i] = (float) r.nextDouble(); y[i] = r.nextInt(3); }
		return new Tensor[] { new Tensor(x, 2, 1, 16, 16), new Tensor(y, 2, 16, 16) };
	}

	private static void steps(Network net, Adam adam, int from, int to) {
		Trainer t = new Trainer(net, new SoftmaxCrossEntropy(null), adam);
		for (int s = from; s <= to; s++) { Tensor[] b = batch(s); t.step(b[0], b[1]); }
	}

	private static Network net() { return UNet.builder().inChannels(1).classes(3).depth(1).baseWidth(4).seed(3).build(); }

	@Test
	void resumedRunEqualsUninterruptedRun() throws IOException {
		Network straight = net();
		Adam a = new Adam(straight.parameters(), 1e-2);
		steps(straight, a, 1, 5);

		Network first = net();
		Adam b = new Adam(first.parameters(), 1e-2);
		steps(first, b, 1, 3);
		Path file = dir.resolve("run.ckpt");
		TrainingCheckpoint.of(3, 0.5, first, b).save(file);

		TrainingCheckpoint loaded = TrainingCheckpoint.load(file);
		assertEquals(3, loaded.step());
		assertEquals(0.5, loaded.bestScore());
		Adam c = new Adam(loaded.network().parameters(), 1e-2);
		loaded.restore(c);
		steps(loaded.network(), c, 4, 5);

		List<Parameter> p = straight.allParameters(), q = loaded.network().allParameters();
		assertEquals(p.size(), q.size());
		for (int i = 0; i < p.size(); i++) assertArrayEquals(p.get(i).value().data(), q.get(i).value().data(), p.get(i).name());
		// restarting without the moments gives other weights: the test would notice a checkpoint that dropped them
		Network fresh = TrainingCheckpoint.load(file).network();
		steps(fresh, new Adam(fresh.parameters(), 1e-2), 4, 5);
		boolean differs = false;
		for (int i = 0; i < p.size(); i++) differs |= !java.util.Arrays.equals(p.get(i).value().data(), fresh.allParameters().get(i).value().data());
		assertTrue(differs);
	}

	@Test
	void truncatedCheckpointIsRefusedWithItsName() throws IOException {
		Network n = net();
		Adam a = new Adam(n.parameters(), 1e-2);
		steps(n, a, 1, 1);
		Path file = dir.resolve("cut.ckpt");
		TrainingCheckpoint.of(1, 0, n, a).save(file);
		byte[] all = Files.readAllBytes(file);
		Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
		IOException e = assertThrows(IOException.class, () -> TrainingCheckpoint.load(file));
		assertTrue(e.getMessage().contains("cut.ckpt"), e.getMessage());
	}
}
