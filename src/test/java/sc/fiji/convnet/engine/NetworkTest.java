package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.layers.*;
import sc.fiji.convnet.engine.loss.SoftmaxCrossEntropy;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.engine.optim.Adam;
import sc.fiji.convnet.tensor.Tensor;

class NetworkTest {

	private final SplittableRandom rnd = new SplittableRandom(5);

	@Test
	void graphWithSkipAndFanOutBackPropagatesToTheInput() {
		// the input feeds two branches and the concat; node a feeds the concat and the ReLU
		NetworkBuilder b = new NetworkBuilder(2).seed(9);
		int a = b.add(new Conv2d(2, 3, 3).padding(1), 0);
		int r = b.then(new BatchNorm2d(3));
		int s = b.add(new Conv2d(2, 2, 1), 0);
		b.add(new Concat(), 0, a, r, s);
		b.then(new Conv2d(10, 2, 3).stride(2));
		Network net = b.build();
		GradCheck.check(net, GradCheck.random(rnd, 2, 2, 5, 5), Phase.TRAINING, 1, 1000);
	}

	@Test
	void unetGradientsMatchFiniteDifferences() throws Exception {
		// a whole U-Net accumulates float rounding over many layers; the finite differences need the
		// double-precision reference kernels to stay below the check's tolerance
		try (AutoCloseable reference = sc.fiji.convnet.engine.kernels.Kernels.use(new sc.fiji.convnet.engine.kernels.ReferenceConvKernels())) {
			unetChecks();
		}
	}

	private void unetChecks() {
		Network net = UNet.builder().inChannels(1).classes(3).depth(2).baseWidth(2).seed(3).build();
		GradCheck.check(net, GradCheck.random(rnd, 2, 1, 16, 16), Phase.TRAINING, 2, 6);
		GradCheck.check(UNet.builder().depth(2).baseWidth(2).seed(4).batchNorm(false).build(), GradCheck.random(rnd, 1, 1, 8, 8), Phase.TRAINING, 3, 6);
	}

	@Test
	void unetOutputKeepsTheInputSizeAndRejectsIndivisibleSizes() {
		Network net = UNet.builder().inChannels(2).classes(3).depth(3).baseWidth(4).build();
		assertArrayEquals(new int[] { 1, 3, 24, 40 }, net.forward(Tensor.zeros(1, 2, 24, 40)).shape());
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(1, 2, 20, 40)));
		assertTrue(e.getMessage().contains("divisible by 8"), e.getMessage());
	}

	@Test
	void nanInputIsRejected() {
		Network net = UNet.builder().depth(1).baseWidth(2).build();
		Tensor x = Tensor.zeros(1, 1, 4, 4);
		x.data()[5] = Float.NaN;
		assertThrows(IllegalArgumentException.class, () -> net.forward(x));
	}

	@Test
	void shapeMismatchNamesLayerAndShapes() {
		NetworkBuilder b = new NetworkBuilder(3);
		b.then(new Conv2d(3, 4, 5).named("big"));
		Network n2 = b.build();
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n2.forward(Tensor.zeros(1, 3, 3, 3)));
		assertTrue(e.getMessage().contains("big") && e.getMessage().contains("[1, 3, 3, 3]"), e.getMessage());
		Conv2d c = new Conv2d(4, 2, 3).named("c4");
		e = assertThrows(IllegalArgumentException.class, () -> c.forward(Tensor.zeros(1, 3, 5, 5), Phase.INFERENCE));
		assertTrue(e.getMessage().contains("c4") && e.getMessage().contains("4 input channels"), e.getMessage());
	}

	@Test
	void sameSeedSameNetwork() {
		Tensor x = GradCheck.random(rnd, 1, 1, 8, 8);
		float[] y1 = UNet.builder().depth(2).baseWidth(3).seed(11).build().forward(x).data();
		float[] y2 = UNet.builder().depth(2).baseWidth(3).seed(11).build().forward(x).data();
		float[] y3 = UNet.builder().depth(2).baseWidth(3).seed(12).build().forward(x).data();
		assertArrayEquals(y1, y2);
		assertFalse(java.util.Arrays.equals(y1, y3));
	}

	@Test
	void savedAndReloadedNetworkGivesIdenticalOutputs(@TempDir Path dir) throws Exception {
		Network net = UNet.builder().inChannels(1).classes(3).depth(2).baseWidth(4).seed(1).build();
		Tensor x = GradCheck.random(rnd, 2, 1, 8, 8);
		Tensor t = Tensor.zeros(2, 8, 8);
		for (int i = 0; i < t.size(); i++) t.data()[i] = rnd.nextInt(3);
		Trainer trainer = new Trainer(net, new SoftmaxCrossEntropy(), new Adam(net.parameters(), 1e-2));
		for (int i = 0; i < 3; i++) trainer.step(x, t); // moves weights and running statistics away from their initial values
		Path file = dir.resolve("unet.cnet");
		net.save(file);
		Network back = Network.load(file);
		assertArrayEquals(net.forward(x).data(), back.forward(x).data());
		assertEquals(net.parameterCount(), back.parameterCount());
		assertEquals(net.summary(1, 1, 8, 8), back.summary(1, 1, 8, 8));
		Network copy = net.copy();
		assertArrayEquals(net.forward(x).data(), copy.forward(x).data());
		copy.parameters().get(0).value().data()[0] += 1;
		assertNotEquals(net.parameters().get(0).value().data()[0], copy.parameters().get(0).value().data()[0], "copies share nothing");

		byte[] bytes = Files.readAllBytes(file);
		assertEquals("CONVNET1", new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
		int headerLength = java.nio.ByteBuffer.wrap(bytes, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
		assertEquals(12 + headerLength + 4 * net.allParameters().stream().mapToLong(Parameter::size).sum(), bytes.length,
				"magic, header length, header, then float32 values");
		Path cut = dir.resolve("cut.cnet");
		Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 10));
		Exception e = assertThrows(java.io.IOException.class, () -> Network.load(cut));
		assertTrue(e.getMessage().contains("cut.cnet"), e.getMessage());
	}

	@Test
	void inputGradientOfOneOutputPixelCoversTheReceptiveField() {
		// positive weights and inputs keep every ReLU open and prevent cancellation, so the support of
		// ∂y_centre/∂x is exactly the receptive field: an independent check of the formula
		NetworkBuilder b = new NetworkBuilder(1);
		b.then(new Conv2d(1, 1, 3));
		b.then(new ReLU());
		b.then(new Conv2d(1, 1, 3).stride(2));
		b.then(new Conv2d(1, 1, 3).dilation(2));
		b.then(new UpsampleNearest(2));
		b.then(new Conv2d(1, 1, 3));
		Network net = b.build();
		for (Parameter p : net.parameters()) java.util.Arrays.fill(p.value().data(), 0.1f);
		int size = 41;
		Tensor x = Tensor.zeros(1, 1, size, size).fill(1f);
		int[] o = net.outputShape(1, 1, size, size);
		Tensor d = Tensor.zeros(o);
		d.set(1f, 0, 0, o[2] / 2, o[3] / 2);
		Tensor g = net.inputGradient(x, d);
		int minY = size, maxY = -1;
		for (int y = 0; y < size; y++)
			for (int xx = 0; xx < size; xx++)
				if (g.get(0, 0, y, xx) != 0) { minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
		// an up-sampled unit's field depends on its phase; the formula gives the largest over phases
		assertTrue(maxY - minY + 1 <= net.receptiveField().size(), "support " + (maxY - minY + 1) + " vs " + net.receptiveField());
		d.fill(0);
		d.set(1f, 0, 0, o[2] / 2 + 1, o[3] / 2);
		Tensor g2 = net.inputGradient(x, d);
		int min2 = size, max2 = -1;
		for (int y = 0; y < size; y++)
			if (g2.get(0, 0, y, size / 2) != 0) { min2 = Math.min(min2, y); max2 = Math.max(max2, y); }
		int largest = Math.max(maxY - minY + 1, max2 - min2 + 1);
		assertEquals(largest, net.receptiveField().size(), 0.0);
	}
}
