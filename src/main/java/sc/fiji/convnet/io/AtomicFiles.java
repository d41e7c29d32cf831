package sc.fiji.convnet.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a file with its final name is always complete: the bytes go to a hidden
 * temporary file in the same folder, are forced to disk, and the temporary file is renamed over the
 * target in one step. A failed write (full disk, killed process) leaves the old file, or none, and
 * no temporary file behind when the JVM could still clean up.
 */
public final class AtomicFiles {

	/** What writes the content. */
	@FunctionalInterface
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	private AtomicFiles() {}

	public static void write(Path target, Content content) throws IOException {
		Path absolute = target.toAbsolutePath();
		Path folder = absolute.getParent();
		Files.createDirectories(folder);
		Path temporary = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".part");
		boolean done = false;
		try {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
				content.writeTo(out);
			}
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			permissions(temporary, absolute);
			try {
				Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
			}
			done = true;
		} finally {
			if (!done) Files.deleteIfExists(temporary);
		}
	}

	/** The replaced file's permissions, else rw-r--r-- (a temporary file is created private to its owner). */
	private static void permissions(Path temporary, Path target) {
		try {
			java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
					? Files.getPosixFilePermissions(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
					: java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
			Files.setPosixFilePermissions(temporary, p);
		} catch (IOException | UnsupportedOperationException e) { // not POSIX (Windows): the default is fine
		}
	}

	public static void write(Path target, byte[] bytes) throws IOException {
		write(target, out -> out.write(bytes));
	}
}
