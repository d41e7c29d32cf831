package sc.fiji.convnet.ij;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import sc.fiji.convnet.io.AtomicFiles;

/**
 * The output folder of a batch as writes see it: no path separators, no links followed or replaced, no input
 * replaced. It travels with each {@link FolderRunner.Item} to a worker when a schedule runs the images elsewhere.
 */
final class OutputFolder implements Serializable {

	private static final long serialVersionUID = 1L;
	private final String folder;
	/** Names in the output folder that are inputs (or other files of the user's) when input and output folder are one. */
	private final HashSet<String> protectedNames;

	OutputFolder(Path folder, Set<String> protectedNames) {
		this.folder = folder.toString();
		this.protectedNames = new HashSet<>(protectedNames);
	}

	/** Creates the folder, proves it writable with a probe file, and logs its free space. */
	static Path prepare(Path dir, Consumer<String> log) throws IOException {
		if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IOException("output " + dir + " is a file, not a folder");
		try {
			Files.createDirectories(dir);
			Path probe = dir.resolve(".convnet-probe-" + ProcessHandle.current().pid());
			AtomicFiles.write(probe, "probe\n".getBytes(StandardCharsets.US_ASCII));
			Files.delete(probe);
		} catch (IOException | SecurityException e) {
			throw new IOException("cannot write into the output folder " + dir + " (" + FolderRunner.oneLine(e) + "); nothing was computed");
		}
		long free = Files.getFileStore(dir).getUsableSpace();
		log.accept(String.format(Locale.ROOT, "Output folder %s: %.2f GB free", dir, free / 1e9));
		return dir;
	}

	Path path() { return Paths.get(folder); }

	/** Writes one file of the folder atomically. */
	Path write(String fileName, AtomicFiles.Content content) throws IOException {
		if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.equals(".") || fileName.equals(".."))
			throw new IOException("refusing the output name '" + fileName + "'");
		Path target = path().resolve(fileName);
		if (Files.isSymbolicLink(target)) throw new IOException(target + " is a symbolic link; outputs never follow or replace links");
		if (protectedNames.contains(fileName)) throw new IOException("refusing to write " + target + " over a file of the input folder that is not ours");
		AtomicFiles.write(target, content);
		return target;
	}
}
