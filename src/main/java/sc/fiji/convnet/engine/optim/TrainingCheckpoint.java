package sc.fiji.convnet.engine.optim;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkIO;
import sc.fiji.convnet.io.AtomicFiles;

/**
 * Everything a training run needs to go on after it was stopped: the network, Adam's moments, the
 * last finished step, the best validation score so far and, when the run averages its weights, the
 * {@link WeightAverage}. Written atomically, so a kill during the write leaves the previous checkpoint
 * intact. Layout: ASCII {@code CNCKPT02}, int step, double best, int Adam steps, int parameter count,
 * then per parameter its first and second moment (int length, −1 for none, then floats), int average
 * updates (−1: no average) and, when there is one, int count and the averaged arrays the same way,
 * then the network in {@link NetworkIO}'s format. {@code CNCKPT01} files (no average) are still read.
 */
public record TrainingCheckpoint(int step, double bestScore, Network network, int adamSteps, float[][] first, float[][] second, int averageUpdates,
		float[][] average) {

	private static final String MAGIC = "CNCKPT02", MAGIC_WITHOUT_AVERAGE = "CNCKPT01";

	public static TrainingCheckpoint of(int step, double bestScore, Network network, Adam adam) { return of(step, bestScore, network, adam, null); }

	/** The same with the run's weight average, or none when {@code average} is null. */
	public static TrainingCheckpoint of(int step, double bestScore, Network network, Adam adam, WeightAverage average) {
		float[][][] moments = adam.moments();
		return new TrainingCheckpoint(step, bestScore, network, adam.steps(), moments[0], moments[1], average == null ? -1 : average.updates(),
				average == null ? null : average.values());
	}

	/** Puts the optimizer back where the checkpoint left it (the network is this record's own). */
	public void restore(Adam adam) {
		adam.restore(adamSteps, first, second);
	}

	/** Puts the weight average back; a checkpoint of a run without one starts it from the checkpoint's network. */
	public void restore(WeightAverage weightAverage) {
		if (average != null) weightAverage.restore(averageUpdates, average);
	}

	/** Where the checkpoint of a run that writes its best network to {@code best} lies: {@code best} + ".ckpt". */
	public static Path beside(Path best) {
		return best.resolveSibling(best.getFileName() + ".ckpt");
	}

	/** The checkpoint in {@code file}, or null when there is none yet (a fresh run). */
	public static TrainingCheckpoint loadIfPresent(Path file) throws IOException {
		return Files.isRegularFile(file) ? load(file) : null;
	}

	public void save(Path file) throws IOException {
		AtomicFiles.write(file, raw -> {
			DataOutputStream out = new DataOutputStream(raw);
			out.writeBytes(MAGIC);
			out.writeInt(step);
			out.writeDouble(bestScore);
			out.writeInt(adamSteps);
			out.writeInt(first.length);
			for (int i = 0; i < first.length; i++) {
				writeFloats(out, first[i]);
				writeFloats(out, second[i]);
			}
			out.writeInt(average == null ? -1 : averageUpdates);
			if (average != null) {
				out.writeInt(average.length);
				for (float[] a : average) writeFloats(out, a);
			}
			NetworkIO.write(network, out);
			out.flush();
		});
	}

	public static TrainingCheckpoint load(Path file) throws IOException {
		try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			DataInputStream in = new DataInputStream(raw);
			byte[] magic = new byte[MAGIC.length()];
			in.readFully(magic);
			String kind = new String(magic, java.nio.charset.StandardCharsets.US_ASCII);
			if (!MAGIC.equals(kind) && !MAGIC_WITHOUT_AVERAGE.equals(kind))
				throw new IOException(file + " is not a training checkpoint (missing " + MAGIC + ")");
			int step = in.readInt();
			double best = in.readDouble();
			int adamSteps = in.readInt();
			int n = in.readInt();
			if (n < 0 || n > 1_000_000) throw new IOException(file + ": implausible parameter count " + n);
			float[][] first = new float[n][], second = new float[n][];
			for (int i = 0; i < n; i++) {
				first[i] = readFloats(in, file);
				second[i] = readFloats(in, file);
			}
			int averageUpdates = MAGIC.equals(kind) ? in.readInt() : -1;
			float[][] average = null;
			if (averageUpdates >= 0) {
				int count = in.readInt();
				if (count < 0 || count > 1_000_000) throw new IOException(file + ": implausible averaged parameter count " + count);
				average = new float[count][];
				for (int i = 0; i < count; i++) {
					average[i] = readFloats(in, file);
					if (average[i] == null) throw new IOException(file + ": averaged parameter " + i + " is missing");
				}
			}
			Network net = NetworkIO.read(in, file.toString());
			return new TrainingCheckpoint(step, best, net, adamSteps, first, second, averageUpdates, average);
		} catch (java.io.EOFException e) {
			throw new IOException(file + ": the checkpoint is cut short", e);
		}
	}

	private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
		if (a == null) { out.writeInt(-1); return; }
		out.writeInt(a.length);
		for (float f : a) out.writeFloat(f);
	}

	private static float[] readFloats(DataInputStream in, Path file) throws IOException {
		int n = in.readInt();
		if (n == -1) return null;
		if (n < 0 || n > (1 << 28)) throw new IOException(file + ": implausible moment length " + n);
		float[] a = new float[n];
		for (int i = 0; i < n; i++) a[i] = in.readFloat();
		return a;
	}
}
