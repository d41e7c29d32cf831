package sc.fiji.convnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

	@TempDir Path dir;

	@Test
	void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
		Path target = dir.resolve("labels.tif");
		AtomicFiles.write(target, new byte[] { 1, 2, 3 });
		assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
			out.write(new byte[100_000]);
			throw new IOException("No space left on device");
		}));
		assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(target));
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(1, files.count());
		}
	}

	@Test
	void writesIntoNewFolders() throws IOException {
		Path target = dir.resolve("a/b/c.csv");
		AtomicFiles.write(target, "x,y\n".getBytes());
		assertEquals("x,y\n", Files.readString(target));
	}
}
