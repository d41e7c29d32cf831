package sc.fiji.convnet.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Small classes with one job: no source file of {@code src/main} over 400 lines. */
class ClassSizeTest {

	private static final int MAX_LINES = 400;

	@Test
	void noClassIsOverFourHundredLines() throws IOException {
		Path root = Path.of("src/main/java");
		List<String> tooLong;
		try (Stream<Path> files = Files.walk(root)) {
			tooLong = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > MAX_LINES)
					.map(f -> root.relativize(f) + " (" + lines(f) + " lines)").sorted().toList();
		}
		assertEquals(List.of(), tooLong, "split these classes by concern");
	}

	private static long lines(Path f) {
		try (Stream<String> s = Files.lines(f)) {
			return s.count();
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
