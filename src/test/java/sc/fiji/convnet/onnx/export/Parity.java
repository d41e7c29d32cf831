package sc.fiji.convnet.onnx.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.tensor.Tensor;

/** Engine forward pass against ONNX Runtime on the exported file. */
final class Parity {

	private Parity() {}

	static Tensor random(Random r, int... shape) {
		Tensor t = Tensor.zeros(shape);
		float[] d = t.data();
		for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
		return t;
	}

	/** Exports, runs both, asserts equal shapes and max|Δ| / max|engine| ≤ tolerance; returns that ratio. */
	static double check(Network net, Path file, Tensor input, double tolerance) throws Exception {
		return check(net, file, input, tolerance, null);
	}

	/** As above, exported for a fixed input size (null: any size). */
	static double check(Network net, Path file, Tensor input, double tolerance, FixedSize fixed) throws Exception {
		OnnxExporter.export(net, file, "parity", fixed);
		Tensor expected = net.forward(input.copy(), Phase.INFERENCE);
		Tensor actual;
		try (OnnxSession s = OnnxSession.open(file, 1)) {
			actual = s.run(input);
		}
		assertArrayEquals(expected.shape(), actual.shape(), "output shape of " + file.getFileName());
		double maxDiff = 0, maxAbs = 0;
		for (int i = 0; i < expected.size(); i++) {
			maxDiff = Math.max(maxDiff, Math.abs(expected.data()[i] - actual.data()[i]));
			maxAbs = Math.max(maxAbs, Math.abs(expected.data()[i]));
		}
		assertTrue(maxAbs > 0, "engine output is all zeros: the comparison would prove nothing");
		double rel = maxDiff / maxAbs;
		System.out.printf("parity %s input %s: max|diff| %.3g, max|value| %.3g, relative %.3g%n",
				file.getFileName(), input.shapeString(), maxDiff, maxAbs, rel);
		assertTrue(rel <= tolerance, file.getFileName() + ": relative difference " + rel + " > " + tolerance
				+ " (max |diff| " + maxDiff + ", max |value| " + maxAbs + ")");
		return rel;
	}
}
