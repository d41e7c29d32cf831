package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import sc.fiji.convnet.io.BatchJournal;

/** Which files of a batch's input are images to process, the stem of each one's output names, and whether its outputs are current. */
final class BatchInputs {

	private BatchInputs() {}

	/** The inputs, sorted by name; every other file is logged with its reason (non-images are also reported). */
	static List<File> list(File input, File folder, String filter, Set<String> ourOutputs, FolderRunner.Report report, Consumer<String> log)
			throws IOException {
		File[] files = input.isFile() ? new File[] { input.getAbsoluteFile() } : folder.listFiles();
		if (files == null) throw new IOException("cannot list " + folder);
		Arrays.sort(files);
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + filter);
		List<File> out = new ArrayList<>();
		for (File f : files) {
			String n = f.getName();
			if (input.isFile()) { // one file named by the user: no filter, hidden or folder rules
			} else if (f.isDirectory()) { log.accept(n + ": skipped: a folder"); continue; }
			else if (n.startsWith(".")) { log.accept(n + ": skipped: a hidden file"); continue; }
			else if (!matcher.matches(Paths.get(n))) { log.accept(n + ": skipped: does not match the file filter " + filter); continue; }
			if (ourOutputs.contains(n)) { log.accept(n + ": skipped: an output of an earlier run (recorded in the journal)"); continue; }
			if (!ImageFiles.looksLikeImage(f)) {
				log.accept(n + ": skipped: not an image");
				report.notImages.add(n);
				continue;
			}
			out.add(f);
		}
		return out;
	}

	/** Output stems: the name without extension, or the whole name where that would collide (see {@link FolderRunner}). */
	static Map<File, String> outputStems(List<File> inputs, List<String> suffixes, Set<String> protectedNames, Consumer<String> log) {
		Map<String, List<File>> byStem = new HashMap<>();
		for (File f : inputs) byStem.computeIfAbsent(FolderRunner.stem(f.getName()).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
		Set<String> others = new HashSet<>();
		for (String n : protectedNames) others.add(n.toLowerCase(Locale.ROOT));
		Map<File, String> bases = new HashMap<>();
		for (File f : inputs) {
			String name = f.getName(), base = FolderRunner.stem(name);
			List<File> same = byStem.get(base.toLowerCase(Locale.ROOT));
			boolean clash = same.size() > 1;
			for (String s : suffixes) clash |= others.contains((base + s).toLowerCase(Locale.ROOT));
			if (clash) {
				base = name;
				log.accept(name + ": outputs named " + name + (suffixes.isEmpty() ? "" : suffixes.get(0)) + " etc. (the name without extension is "
						+ (same.size() > 1 ? "shared with " + (same.size() - 1) + " other input(s)" : "taken by an input") + ")");
			}
			bases.put(f, base);
		}
		return bases;
	}

	/** Null when the journal entry says this input's outputs are complete and current; else why it is redone. */
	static String staleness(BatchJournal.Entry e, File file, String base, FolderRunner.Task task, Path outputDir) {
		if (e == null) return "not in the journal";
		if (!e.ok()) return "it failed last time (" + e.reason + ")";
		if (e.size != file.length() || e.mtime != file.lastModified()) return "the input changed (size or modification time)";
		if (!task.settings().equals(e.settings)) return "the settings or the model changed";
		Set<String> expected = new HashSet<>();
		for (String s : task.outputSuffixes()) expected.add(base + s);
		if (!expected.equals(e.outputs.keySet())) return "the output names changed (now " + expected + ")";
		for (Map.Entry<String, Long> o : e.outputs.entrySet()) {
			Path p = outputDir.resolve(o.getKey());
			try {
				if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return "output " + o.getKey() + " is missing";
				long size = Files.size(p);
				if (size != o.getValue()) return "output " + o.getKey() + " has " + size + " bytes, the journal says " + o.getValue();
			} catch (IOException x) {
				return "output " + o.getKey() + " cannot be read (" + x.getMessage() + ")";
			}
		}
		return null;
	}
}
