package sc.fiji.convnet.bench;

import java.nio.file.Path;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.segment.train.DistanceHead;

/** Writes the three-class network inside a nuclei network with a distance output. Usage: {@code DropDistance IN.net OUT.net} */
public final class DropDistance {

	public static void main(String[] args) throws Exception {
		if (args.length != 2) throw new IllegalArgumentException("usage: DropDistance IN.net OUT.net");
		DistanceHead.classesOnly(Network.load(Path.of(args[0]))).save(Path.of(args[1]));
		System.out.println("wrote " + args[1] + ": the three classes of " + args[0]);
	}
}
