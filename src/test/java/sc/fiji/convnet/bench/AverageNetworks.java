package sc.fiji.convnet.bench;

import java.nio.file.Path;
import java.util.List;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Parameter;

/**
 * Interpolates two networks of the same architecture value by value (weights and batch-norm statistics):
 * {@code out = (1 − α)·a + α·b}. A fine-tuned network averaged with its starting point often generalises better
 * than either (weight-space ensembles, Wortsman et al., 2022).
 * <p>
 * Usage: {@code AverageNetworks A.net B.net ALPHA OUT.net}
 */
public final class AverageNetworks {

	public static void main(String[] args) throws Exception {
		if (args.length != 4) throw new IllegalArgumentException("usage: AverageNetworks A.net B.net ALPHA OUT.net");
		Network a = Network.load(Path.of(args[0])), b = Network.load(Path.of(args[1]));
		double alpha = Double.parseDouble(args[2]);
		List<Parameter> pa = a.allParameters(), pb = b.allParameters();
		if (pa.size() != pb.size()) throw new IllegalArgumentException(args[0] + " and " + args[1] + " differ in their parameters");
		for (int i = 0; i < pa.size(); i++) {
			float[] x = pa.get(i).value().data(), y = pb.get(i).value().data();
			if (x.length != y.length) throw new IllegalArgumentException("parameter " + i + " differs in size: " + x.length + " against " + y.length);
			for (int j = 0; j < x.length; j++) x[j] = (float) ((1 - alpha) * x[j] + alpha * y[j]);
		}
		a.save(Path.of(args[3]));
		System.out.println("wrote " + args[3] + ": (1 − " + alpha + ")·" + args[0] + " + " + alpha + "·" + args[1]);
	}
}
