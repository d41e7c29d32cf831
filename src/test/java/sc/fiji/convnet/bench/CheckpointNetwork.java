package sc.fiji.convnet.bench;

import java.nio.file.Path;
import java.util.List;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.optim.TrainingCheckpoint;

/**
 * Writes the network of a training checkpoint (its moving average of the weights when the run kept one), so that
 * the last step of a run can be scored like its best one.
 * <p>
 * Usage: {@code CheckpointNetwork RUN.net.ckpt OUT.net}
 */
public final class CheckpointNetwork {

	public static void main(String[] args) throws Exception {
		if (args.length != 2) throw new IllegalArgumentException("usage: CheckpointNetwork RUN.net.ckpt OUT.net");
		TrainingCheckpoint c = TrainingCheckpoint.load(Path.of(args[0]));
		Network net = c.network();
		if (c.average() != null) {
			List<Parameter> p = net.allParameters();
			for (int i = 0; i < p.size(); i++) System.arraycopy(c.average()[i], 0, p.get(i).value().data(), 0, c.average()[i].length);
		}
		net.save(Path.of(args[1]));
		System.out.println("wrote " + args[1] + ": step " + c.step() + (c.average() != null ? ", averaged weights" : ", trained weights"));
	}
}
