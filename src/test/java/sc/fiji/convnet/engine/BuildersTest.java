package sc.fiji.convnet.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.engine.nets.AlexNet;
import sc.fiji.convnet.engine.nets.LeNet5;
import sc.fiji.convnet.engine.nets.Vgg16;
import sc.fiji.convnet.tensor.Tensor;

/** Parameter counts and receptive fields against the published figures. */
class BuildersTest {

	@Test
	void vgg16HasTheFamousParameterCountWithoutAllocatingIt() {
		Network vgg = Vgg16.build(3, 1000, 1);
		assertEquals(138_357_544L, vgg.parameterCount());
		assertTrue(vgg.allParameters().stream().noneMatch(Parameter::allocated), "counting must not allocate");
		Map<String, Long> per = vgg.parameterCounts();
		assertEquals(3 * 64 * 9 + 64, per.get("conv1_1"));
		assertEquals(512 * 7 * 7 * 4096L + 4096, per.get("fc6"));
		assertEquals(13, vgg.layers().stream().filter(l -> l.type().equals("Conv2d")).count());
		assertEquals(5, vgg.layers().stream().filter(l -> l.type().equals("MaxPool2d")).count());
		assertEquals(3, vgg.layers().stream().filter(l -> l.type().equals("Linear")).count());
		assertArrayEquals(new int[] { 1, 512, 7, 7 }, vgg.shapes(1, 3, 224, 224)[vgg.layers().indexOf(vgg.layers().stream().filter(l -> l.name().equals("pool5")).findFirst().get()) + 1]);
		assertArrayEquals(new int[] { 1, 1000 }, vgg.outputShape(1, 3, 224, 224));
		// receptive fields (Araujo et al., "Computing receptive fields of CNNs", Distill 2019)
		assertEquals(196, vgg.receptiveFields().get("conv5_3").size());
		assertEquals(212, vgg.receptiveFields().get("pool5").size());
		assertEquals(32, vgg.receptiveFields().get("pool5").jump());
	}

	@Test
	void alexNetParameterCountAndReceptiveField() {
		Network alex = AlexNet.build(3, 1000, 1);
		assertEquals(61_100_840L, alex.parameterCount()); // torchvision alexnet
		assertEquals(195, alex.receptiveFields().get("pool5").size());
		assertArrayEquals(new int[] { 2, 1000 }, alex.outputShape(2, 3, 224, 224));
		assertArrayEquals(new int[] { 1, 64, 55, 55 }, alex.shapes(1, 3, 224, 224)[1]);
	}

	@Test
	void leNet5RunsAndHasItsParameterCount() {
		Network lenet = LeNet5.build(1, 10, 1);
		assertEquals(61_706L, lenet.parameterCount());
		assertArrayEquals(new int[] { 3, 10 }, lenet.forward(Tensor.zeros(3, 1, 32, 32)).shape());
		assertTrue(lenet.summary(1, 1, 32, 32).contains("c3"));
	}
}
