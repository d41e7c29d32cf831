package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import ij.ImagePlus;
import sc.fiji.convnet.io.AtomicFiles;
import sc.fiji.convnet.io.BatchJournal;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.predict.Progress;

/**
 * The one folder runner of every batch task (segment, detect, saliency, classify): it lists the input folder (or
 * takes one file), logs every file it passes over with the reason, checks the output folder before the first image,
 * runs the task on each image in isolation (any exception or OutOfMemoryError fails that image only, with a one-line
 * reason), writes every output atomically through {@link AtomicFiles}, keeps a {@link BatchJournal} so that a rerun
 * redoes exactly what is missing or stale, lets the task rebuild its folder table from the per-image results, and
 * hands back a {@link Report} with the exit code (0: every image done or up to date; 1: some failed or cancelled).
 * The images that need work are processed here, one after the other, or by a {@link Schedule} elsewhere (Spark), each
 * with the same per-image step {@link Item#process}.
 *
 * <pre>
 * FolderRunner.Report r = FolderRunner.over(inputFolder).output(outputFolder).filter("*.tif").log(IJ::log).run(task);
 * </pre>
 *
 * <b>Output names.</b> An input {@code NAME.EXT} gives {@code NAME<suffix>} (e.g. {@code a.tif → a_labels.tif}).
 * When two inputs of one run share {@code NAME} (ignoring case, e.g. {@code a.tif} and {@code a.png}), or when
 * {@code NAME<suffix>} would be the name of a file of the input folder that is not an output of ours, the whole file
 * name is kept instead: {@code a.tif_labels.tif}, {@code a.png_labels.tif}.
 * <p>
 * <b>Inputs.</b> Hidden files, sub-folders, files outside the filter, non-images and files the journal records as
 * outputs of an earlier run (when input and output folder are one) are passed over, each with a log line. Any other
 * file is an input, even one whose name looks like an output ({@code day2_labels.tif}).
 * <p>
 * <b>Writes</b> never follow a symbolic link (a link with an output's name is refused, not replaced) and never
 * replace an input.
 */
public final class FolderRunner {

	/** Journal entries of folder-level files (tables) are named by this prefix and the file name. */
	static final String FOLDER_ENTRY = "(folder) ";

	/** One batch task: what it writes per image and how it summarises the folder. */
	public interface Task {
		/** Short name, e.g. {@code segment}: journal entries are kept per task. */
		String name();

		/** Every setting that changes the outputs, the model's weights digest included; a change redoes every image. */
		String settings();

		/** The endings of the files written per image (e.g. {@code _labels.tif}); may be empty (results kept in the journal). */
		List<String> outputSuffixes();

		/** Runs on one image, writing its outputs with {@link Item#write}; a summary for the log goes to {@link Item#note}. */
		void process(ImagePlus imp, Item item) throws Exception;

		/** After the images: rebuilds the folder's table(s) from the per-image results of {@code done}. */
		default void finish(Finish finish) throws IOException {}

		/** How the report names finished images, e.g. "segmented". */
		default String doneWord() { return "processed"; }
	}

	/**
	 * Where the images that need work are processed when not here, one after the other: e.g. one Spark task each
	 * (module {@code spark/}). It runs {@link Item#process} with its worker's own copy of the task on every item and
	 * hands each processed item back to {@code done} as it finishes, one at a time, so that the journal grows while the
	 * job runs and a killed job keeps what was done. An item it could not process it hands back {@link Item#fail failed}.
	 */
	public interface Schedule {
		void process(List<Item> items, Consumer<Item> done) throws IOException;
	}

	/** One input image while its task runs; it travels to a worker and back when a {@link Schedule} runs it elsewhere. */
	public static final class Item implements Serializable {
		private static final long serialVersionUID = 1L;
		private final OutputFolder outputs;
		private final File input;
		private final String base;
		final BatchJournal.Entry entry = new BatchJournal.Entry();
		private final ArrayList<String> notes = new ArrayList<>();

		Item(OutputFolder outputs, File input, String base) {
			this.outputs = outputs;
			this.input = input;
			this.base = base;
		}

		public File input() { return input; }
		public String name() { return input.getName(); }
		/** The stem of this image's output names (see the class description for the rule). */
		public String base() { return base; }
		public Path outputFolder() { return outputs.path(); }
		/** Whether {@link #process} succeeded. */
		public boolean ok() { return entry.ok(); }

		/** Writes {@code base + suffix} into the output folder atomically, and records it for the journal. */
		public Path write(String suffix, AtomicFiles.Content content) throws IOException {
			String fileName = base + suffix;
			Path target;
			try {
				target = outputs.write(fileName, content);
			} catch (IOException e) {
				throw new IOException("cannot write " + fileName + ": " + oneLine(e), e);
			}
			entry.outputs.put(fileName, Files.size(target));
			return target;
		}

		/** A small result kept in the journal (for tasks whose per-image result is one table row). */
		public void data(String key, String value) { entry.data.put(key, value); }

		/** A phrase for this image's log line. */
		public void note(String text) { if (text != null && !text.isEmpty()) notes.add(text); }

		/**
		 * The per-image step of every run, here or on a worker: opens the image with the batch checks, runs the task on
		 * it alone and settles the journal entry: ok, or failed with a one-line reason (any exception or
		 * OutOfMemoryError). A {@link CancelledException} passes through.
		 */
		public void process(Task task) {
			try {
				ImagePlus imp = ImageFiles.open(input);
				long bad = ImageFiles.nonFinite(imp);
				if (bad > 0) note(bad + " NaN/Inf pixels left out of the normalisation statistics");
				task.process(imp, this);
				entry.status = "ok";
			} catch (CancelledException c) {
				throw c;
			} catch (Exception ex) {
				fail(oneLine(ex));
			} catch (OutOfMemoryError oom) {
				Runtime rt = Runtime.getRuntime();
				fail(String.format(Locale.ROOT, "out of memory (Java heap %.1f GB): segment this image block-wise (Segment Large Image) or with a "
						+ "smaller tile (--tile), or give Java more memory (-Xmx)", rt.maxMemory() / 1e9));
			}
		}

		/** Marks this image failed with a one-line reason. */
		public void fail(String reason) {
			entry.status = "failed";
			entry.reason = reason;
		}
	}

	/** What {@link Task#finish} sees. */
	public static final class Finish {
		private final FolderRunner runner;
		private final String taskName;
		/** The journal entries of this run's inputs that are complete, in input order. */
		public final List<BatchJournal.Entry> done;
		public final Report report;

		Finish(FolderRunner runner, String taskName, List<BatchJournal.Entry> done, Report report) {
			this.runner = runner;
			this.taskName = taskName;
			this.done = done;
			this.report = report;
		}

		public Path outputFolder() { return runner.outputDir; }

		/** Writes a folder-level file atomically (and records it in the journal as an output of this task). */
		public Path write(String fileName, AtomicFiles.Content content) throws IOException {
			Path p = runner.outputs.write(fileName, content);
			BatchJournal.Entry e = new BatchJournal.Entry();
			e.task = taskName;
			e.input = FOLDER_ENTRY + fileName;
			e.status = "ok";
			e.outputs.put(fileName, Files.size(p));
			runner.journal.append(e);
			return p;
		}
	}

	/** What a run did. */
	public static final class Report {
		public final List<String> processed = new ArrayList<>();
		/** Up to date: outputs exist and match the journal. */
		public final List<String> skipped = new ArrayList<>();
		public final List<String> failed = new ArrayList<>();
		/** One-line reason per failed input. */
		public final Map<String, String> failures = new LinkedHashMap<>();
		/** Files that are no images at all: logged and passed over, not failures. */
		public final List<String> notImages = new ArrayList<>();
		public boolean cancelled;
		/** Objects (or rows) in the folder table, when the task counts them. */
		public long objects;
		/** The folder table written at the end, or null. */
		public File table;
		String doneWord = "processed";
		String extra = "";

		/** Why the folder table could not be written, or null. */
		public String tableError;

		/** 0: every image done or up to date and the table written; 1: some failed, the table failed, or the run was cancelled. */
		public int exitCode() { return failed.isEmpty() && !cancelled && tableError == null ? 0 : 1; }

		/** Appends a phrase to {@link #toString()}. */
		public void summary(String phrase) { extra += "; " + phrase; }

		@Override
		public String toString() {
			return processed.size() + " " + doneWord + ", " + skipped.size() + " skipped (outputs exist and match the journal), " + notImages.size()
					+ " not images, " + failed.size() + " failed" + (cancelled ? ", cancelled" : "") + extra
					+ (tableError != null ? "; folder table NOT written (" + tableError + ")" : "")
					+ (table != null ? "; table: " + table : "");
		}
	}

	private final File input;
	private File output;
	private Path outputDir;
	private String filter = "*";
	private boolean overwrite;
	private Consumer<String> log = System.out::println;
	private Progress progress = Progress.NONE;
	private OutputFolder outputs;
	private BatchJournal journal;

	private FolderRunner(File input) { this.input = input; }

	/** A folder of images, or one image file. */
	public static FolderRunner over(File input) { return new FolderRunner(input); }

	public FolderRunner output(File folder) { this.output = folder; return this; }
	/** A glob such as {@code *.tif}; null or empty: every file. */
	public FolderRunner filter(String glob) { this.filter = glob == null || glob.isBlank() ? "*" : glob.trim(); return this; }
	/** Redo every image even when the journal says it is up to date. */
	public FolderRunner overwrite(boolean overwrite) { this.overwrite = overwrite; return this; }
	public FolderRunner log(Consumer<String> log) { this.log = log; return this; }
	public FolderRunner progress(Progress progress) { this.progress = progress; return this; }

	/** Checks the output folder, then runs the task on every input, here; throws only when the run cannot start. */
	public Report run(Task task) throws IOException { return run(task, null); }

	/**
	 * As {@link #run(Task)}, with the images that need work processed by {@code elsewhere} (null: here, one after the
	 * other). Listing, naming, skipping, the journal and the folder table stay here, so both ways give the same files.
	 */
	public Report run(Task task, Schedule elsewhere) throws IOException {
		if (!input.exists()) throw new IOException(task.name() + ": input " + input + " does not exist");
		if (output == null) throw new IOException(task.name() + ": no output folder");
		outputDir = OutputFolder.prepare(output.toPath().toAbsolutePath().normalize(), log);
		BatchJournal journal = BatchJournal.open(outputDir);
		journal.compact();

		File folder = input.isFile() ? input.getAbsoluteFile().getParentFile() : input.getAbsoluteFile();
		boolean sameFolder = Files.isSameFile(folder.toPath(), outputDir);
		Set<String> ourOutputs = new HashSet<>(sameFolder ? journal.outputNames() : List.of());
		this.journal = journal;
		Set<String> protectedNames = new HashSet<>();
		if (sameFolder) {
			String[] all = folder.list();
			if (all != null) for (String n : all) if (!ourOutputs.contains(n)) protectedNames.add(n);
		}
		outputs = new OutputFolder(outputDir, protectedNames);
		Report report = new Report();
		report.doneWord = task.doneWord();
		List<File> candidates = BatchInputs.list(input, folder, filter, ourOutputs, report, log);
		Map<File, String> bases = BatchInputs.outputStems(candidates, task.outputSuffixes(), protectedNames, log);

		List<String> names = new ArrayList<>();
		List<Item> pending = new ArrayList<>();
		for (int i = 0; i < candidates.size(); i++) {
			if (progress.cancelled()) {
				log.accept(task.name() + ": cancelled after " + i + " of " + candidates.size() + " images");
				report.cancelled = true;
				break;
			}
			progress.update(i, candidates.size());
			File file = candidates.get(i);
			names.add(file.getName());
			Item item = new Item(outputs, file, bases.get(file));
			String stale = overwrite ? "overwrite is on" : BatchInputs.staleness(journal.get(task.name(), file.getName()), file, item.base, task, outputDir);
			if (stale == null) {
				log.accept(file.getName() + ": skipped, outputs exist and match the journal");
				report.skipped.add(file.getName());
				continue;
			}
			if (journal.get(task.name(), file.getName()) != null) log.accept(file.getName() + ": redone: " + stale);
			start(item, task);
			if (elsewhere != null) pending.add(item);
			else if (!runOne(task, item, report)) break;
		}
		if (!pending.isEmpty()) {
			elsewhere.process(pending, item -> record(item, report));
			Comparator<String> inputOrder = Comparator.comparingInt(names::indexOf); // workers finish in any order
			report.processed.sort(inputOrder);
			report.failed.sort(inputOrder);
		}
		progress.update(candidates.size(), candidates.size());

		List<BatchJournal.Entry> done = new ArrayList<>(); // a cancelled run's table still holds the images done before
		for (File f : candidates) {
			BatchJournal.Entry e = journal.get(task.name(), f.getName());
			boolean reached = names.contains(f.getName());
			if (e != null && e.ok() && !report.failed.contains(f.getName())
					&& (reached || BatchInputs.staleness(e, f, bases.get(f), task, outputDir) == null)) done.add(e);
		}
		try {
			task.finish(new Finish(this, task.name(), done, report));
		} catch (IOException | RuntimeException e) {
			String reason = oneLine(e);
			log.accept(task.name() + ": the folder table could not be written: " + reason);
			report.tableError = reason;
		}
		return report;
	}

	/** What the journal records of an input before its task runs. */
	private static void start(Item item, Task task) {
		BatchJournal.Entry e = item.entry;
		e.task = task.name();
		e.input = item.input.getName();
		e.size = item.input.length();
		e.mtime = item.input.lastModified();
		e.settings = task.settings();
	}

	/** Runs the task on one image here; false when the user cancelled. */
	private boolean runOne(Task task, Item item, Report report) {
		try {
			item.process(task);
		} catch (CancelledException c) {
			log.accept(task.name() + ": cancelled at " + item.name());
			report.cancelled = true;
			return false;
		}
		record(item, report);
		return true;
	}

	/** Journals a processed image and reports it; an image whose journal line cannot be written counts as failed. */
	private void record(Item item, Report report) {
		String name = item.name();
		if (item.ok()) {
			try {
				journal.append(item.entry);
				report.processed.add(name);
				log.accept(name + ": " + String.join("; ", item.notes));
				return;
			} catch (IOException | RuntimeException e) {
				item.fail(oneLine(e));
			}
		}
		log.accept(name + ": failed: " + item.entry.reason);
		report.failed.add(name);
		report.failures.put(name, item.entry.reason);
		try {
			journal.append(item.entry);
		} catch (IOException | RuntimeException ignored) { // the disk that failed the image may refuse the journal too: it is redone anyway
		}
	}

	/** The file name without its last extension. */
	public static String stem(String name) {
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	/** The first line of an exception's message (its class name when it has none). */
	public static String oneLine(Throwable e) {
		String m = e.getMessage();
		if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
		int nl = m.indexOf('\n');
		return nl >= 0 ? m.substring(0, nl) : m;
	}
}
