package sc.fiji.convnet.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * The journal of a folder batch: one small file of JSON lines in the output folder, one line per finished (or
 * failed) input. A line is appended and forced to disk after each input; a line cut short by a killed process
 * is not valid JSON and is ignored when read, so the input it described is simply redone. When a run starts,
 * the journal is rewritten atomically ({@link AtomicFiles}) with the newest line per input only.
 * <p>
 * A line: {@code {"task":"segment","input":"a.tif","size":78160,"mtime":1733125000000,"settings":"...",
 * "status":"ok","outputs":{"a_labels.tif":90437,"a_rois.zip":15120,"a_measurements.csv":2650},"data":{},
 * "reason":null}}. The input is known by its size and modification time; {@code settings} holds every option
 * that changes the outputs, the model's weights sha256 included.
 */
public final class BatchJournal {

	/** The journal's file name in the output folder (hidden, so that it is never taken for an input). */
	public static final String FILE = ".convnet-journal.jsonl";

	/** One input's line. */
	public static final class Entry implements java.io.Serializable {
		private static final long serialVersionUID = 1L;
		public String task, input, settings, status, reason;
		public long size, mtime;
		public Map<String, Long> outputs = new LinkedHashMap<>();
		public Map<String, String> data = new LinkedHashMap<>();

		public boolean ok() { return "ok".equals(status); }
	}

	private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

	private final Path file;
	private final Map<String, Entry> entries = new TreeMap<>();

	private BatchJournal(Path file) { this.file = file; }

	/** Reads the journal of a folder (empty when there is none); lines that are not complete JSON are ignored. */
	public static BatchJournal open(Path folder) throws IOException {
		BatchJournal j = new BatchJournal(folder.resolve(FILE));
		if (Files.isRegularFile(j.file)) {
			for (String line : new String(Files.readAllBytes(j.file), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank()) continue;
				try {
					Entry e = GSON.fromJson(line, Entry.class);
					if (e != null && e.task != null && e.input != null && e.status != null) j.entries.put(key(e.task, e.input), e);
				} catch (JsonParseException ignored) { // a line cut short by a kill: the input is redone
				}
			}
		}
		return j;
	}

	private static String key(String task, String input) { return task + "\u0000" + input; }

	public Path file() { return file; }

	/** The newest entry of an input for a task, or null. */
	public Entry get(String task, String input) { return entries.get(key(task, input)); }

	public Collection<Entry> entries() { return entries.values(); }

	/** Every output name a successful entry lists (any task). */
	public List<String> outputNames() {
		List<String> names = new ArrayList<>();
		for (Entry e : entries.values()) if (e.ok()) names.addAll(e.outputs.keySet());
		return names;
	}

	/** Rewrites the journal atomically with one line per input (drops superseded and torn lines). */
	public void compact() throws IOException {
		StringBuilder sb = new StringBuilder();
		for (Entry e : entries.values()) sb.append(GSON.toJson(e)).append('\n');
		AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** Appends one line and forces it to disk; the entry replaces any earlier one of its input. */
	public synchronized void append(Entry e) throws IOException {
		byte[] line = (GSON.toJson(e) + "\n").getBytes(StandardCharsets.UTF_8);
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
			long before = ch.size();
			try {
				java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(line);
				while (buf.hasRemaining()) ch.write(buf);
				ch.force(true);
			} catch (IOException failed) { // a full disk: take the partial line back, so the next line starts clean
				try { ch.truncate(before); } catch (IOException ignored) { failed.addSuppressed(ignored); }
				throw failed;
			}
		}
		entries.put(key(e.task, e.input), e);
	}
}
