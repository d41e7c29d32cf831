package sc.fiji.convnet.engine.optim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import sc.fiji.convnet.io.AtomicFiles;

/**
 * The model folder a training run writes: the best network ({@value #NETWORK}) with its checkpoint beside it, and
 * {@value #LOG}, which gets every line the run prints. A finished model or a user's folder is never written over;
 * only an interrupted run of the same folder is resumed.
 */
public final class TrainingFolder {

	/** The network file in the model folder; its checkpoint lies beside it. */
	public static final String NETWORK = "network.net";
	public static final String LOG = "training.log";

	private final Path folder;
	private final ByteArrayOutputStream record = new ByteArrayOutputStream();
	private final PrintStream log;

	private TrainingFolder(Path folder, PrintStream callersLog) {
		this.folder = folder;
		this.log = new PrintStream(new Tee(callersLog, record), true, StandardCharsets.UTF_8);
	}

	/**
	 * Creates the folder (or checks that it is empty, or, with {@code resume}, that it holds a checkpoint to resume
	 * from); lines printed to {@link #log()} also go to {@code callersLog}.
	 */
	public static TrainingFolder open(Path folder, boolean resume, PrintStream callersLog) throws IOException {
		refuseToOverwrite(folder, resume);
		Files.createDirectories(folder);
		return new TrainingFolder(folder, callersLog);
	}

	public Path folder() { return folder; }

	/** Where the best network goes. */
	public Path network() { return folder.resolve(NETWORK); }

	/** The run's log: the caller's, copied into {@value #LOG} by {@link #saveLog()}. */
	public PrintStream log() { return log; }

	/** Appends what was logged so far to {@value #LOG} (atomically: the old log and the new lines, or the old log). */
	public void saveLog() throws IOException {
		log.flush();
		Path file = folder.resolve(LOG);
		byte[] before = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0], lines = record.toByteArray();
		record.reset();
		AtomicFiles.write(file, out -> {
			out.write(before);
			out.write(lines);
		});
	}

	private static void refuseToOverwrite(Path folder, boolean resume) throws IOException {
		if (!Files.isDirectory(folder)) {
			if (Files.exists(folder)) throw new IOException(folder + " is a file, not a folder");
			return;
		}
		boolean empty;
		try (Stream<Path> files = Files.list(folder)) {
			empty = files.findAny().isEmpty();
		}
		if (empty) return;
		if (!resume) throw new IOException(folder + " already exists and is not empty; choose another name or output (nothing was overwritten)");
		if (!Files.isRegularFile(TrainingCheckpoint.beside(folder.resolve(NETWORK))))
			throw new IOException(folder + " holds no checkpoint " + NETWORK + ".ckpt to resume from");
	}

	/** Writes to two streams (the caller's log and the model's training.log). */
	private static final class Tee extends OutputStream {
		private final OutputStream a, b;

		Tee(OutputStream a, OutputStream b) { this.a = a; this.b = b; }

		@Override public void write(int c) throws IOException { a.write(c); b.write(c); }

		@Override public void write(byte[] buf, int off, int len) throws IOException { a.write(buf, off, len); b.write(buf, off, len); }

		@Override public void flush() throws IOException { a.flush(); b.flush(); }
	}
}
