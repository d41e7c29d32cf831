package sc.fiji.convnet.segment.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.segment.InstanceDecoder;
import sc.fiji.convnet.tensor.Tensor;

class DistanceHeadTest {

	/** The widened network gives the same three class logits as the network it was made from, plus a fourth channel. */
	@Test
	void widenedNetworkKeepsTheClassOutputs() {
		Network three = UNet.builder().inChannels(1).classes(3).depth(2).baseWidth(4).seed(5).build();
		float[] x = new float[16 * 16];
		SplittableRandom r = new SplittableRandom(1);
		for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
		// train-mode statistics differ from the running ones: give the batch norms non-trivial state first
		three.forward(new Tensor(x.clone(), 1, 1, 16, 16));
		Tensor a = three.forward(new Tensor(x.clone(), 1, 1, 16, 16));
		Network four = DistanceHead.widen(three, 9);
		Tensor b = four.forward(new Tensor(x.clone(), 1, 1, 16, 16));
		assertArrayEquals(new int[] { 1, 4, 16, 16 }, b.shape());
		assertArrayEquals(a.data(), Arrays.copyOf(b.data(), 3 * 256), 1e-6f);
		assertEquals(4, DistanceHead.outputs(four));
		assertEquals(InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY_DISTANCE, NucleiTraining.outputKind(four));
		assertEquals(InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY, NucleiTraining.outputKind(three));
		assertThrows(IllegalArgumentException.class, () -> DistanceHead.widen(four, 1), "a network with four outputs is not widened again");
		Tensor c = DistanceHead.classesOnly(four).forward(new Tensor(x.clone(), 1, 1, 16, 16));
		assertArrayEquals(a.data(), c.data(), 1e-6f, "the classes alone again");
	}
}
