package sc.fiji.convnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/** The README's first command, as a new user runs it: bin/convnet on samples/ with the shipped model. */
class MainJobIT {

	@Test
	void readmeMainJobSegmentsTheSamples(@TempDir Path tmp) throws Exception {
		Path results = tmp.resolve("results");
		Process p = new ProcessBuilder("bin/convnet", "segment", "--input", "samples", "--output", results.toString()).redirectErrorStream(true).start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS));
		String out = new String(p.getInputStream().readAllBytes());
		assertEquals(0, p.exitValue(), out);
		assertTrue(out.contains("README.md: skipped: not an image"), out);
		int rows = 0;
		for (String name : List.of("nuclei_fluo_32bit", "nuclei_fluo_16bit_offset", "nuclei_fluo_8bit_crop")) {
			ImagePlus labels = IJ.openImage(results.resolve(name + "_labels.tif").toString());
			int n = (int) labels.getStatistics().max;
			assertTrue(n >= 20, name + ": " + n + " nuclei");
			assertTrue(Files.size(results.resolve(name + "_rois.zip")) > 0);
			rows += n;
		}
		assertEquals(rows + 1, Files.readAllLines(results.resolve("measurements.csv")).size());
		// the same field as a 32-bit image and as a 16-bit camera image with an offset: the same nuclei
		assertTrue(out.contains("nuclei_fluo_32bit.tif: ") && out.contains("nuclei_fluo_16bit_offset.tif: "), out);
		String a = out.replaceAll("(?s).*nuclei_fluo_32bit.tif: (\\d+) objects.*", "$1");
		String b = out.replaceAll("(?s).*nuclei_fluo_16bit_offset.tif: (\\d+) objects.*", "$1");
		assertEquals(a, b, "bit depth and offset do not change the result");
	}
}
