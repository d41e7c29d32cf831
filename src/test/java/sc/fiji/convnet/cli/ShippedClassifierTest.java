package sc.fiji.convnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.tensor.Tensor;

/** The shipped models/bccd-classifier: --class WBC picks the WBC output, and the ONNX file computes what the engine network does on a whole smear. */
class ShippedClassifierTest {

	private static final Path DIR = Path.of("models", "bccd-classifier");

	@Test
	@SuppressWarnings("unchecked")
	void classWbcIsTheOutputChannelNamedWbc() throws Exception {
		Map<String, Object> d = new Yaml().load(Files.readString(DIR.resolve("bioimageio.yaml")));
		Map<String, Object> output = ((List<Map<String, Object>>) d.get("outputs")).get(0);
		List<String> channels = (List<String>) ((List<Map<String, Object>>) output.get("axes")).get(1).get("channel_names");
		int expected = channels.indexOf("WBC");
		assertEquals(1, expected, "output channels " + channels);
		assertEquals(expected, ConvNetCli.classIndex(sc.fiji.convnet.model.ModelFiles.at(DIR.resolve("bccd-classifier.net")), "WBC"));
		assertEquals(expected, ConvNetCli.classIndex(sc.fiji.convnet.model.ModelFiles.at(DIR.resolve("model.onnx")), "WBC"));
	}

	@Test
	void onnxMatchesTheEngineOnAWholeImage() throws Exception {
		Network net = Network.load(DIR.resolve("bccd-classifier.net"));
		Tensor x = Tensor.zeros(1, 3, 480, 640);
		SplittableRandom r = new SplittableRandom(12);
		for (int i = 0; i < x.size(); i++) x.data()[i] = (float) r.nextDouble();
		float[] engine = net.forward(x.copy(), Phase.INFERENCE).data();
		try (OnnxSession s = OnnxSession.open(DIR.resolve("model.onnx"), 1)) {
			float[] onnx = s.run(x).data();
			assertEquals(engine.length, onnx.length);
			for (int i = 0; i < engine.length; i++) assertEquals(engine[i], onnx[i], 1e-3 * Math.max(1, Math.abs(engine[i])), "logit " + i);
		}
	}
}
