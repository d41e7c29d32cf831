package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.request.SegmentRequest;

/**
 * Issue #19 for batches: the CSVs carry the same shape descriptors as the interactive table, and a grey model on an
 * RGB image is reported once for that image, saying what was done.
 */
class BatchMeasurementsTest {

	@TempDir Path tmp;

	@Test
	void csvsHaveShapeColumnsAndAnRgbImageIsWarnedAboutOnce() throws Exception {
		Path in = Files.createDirectories(tmp.resolve("in"));
		Files.copy(Path.of("samples/nuclei_fluo_8bit_crop.tif"), in.resolve("grey.tif"));
		ImagePlus grey = IJ.openImage("samples/nuclei_fluo_8bit_crop.tif");
		// a stained-looking colour image (red ≠ green ≠ blue): a grey picture stored as RGB would need no warning
		ij.process.ColorProcessor tinted = (ij.process.ColorProcessor) grey.getProcessor().convertToRGB();
		int[] argb = (int[]) tinted.getPixels();
		for (int i = 0; i < argb.length; i++) {
			int v = argb[i] & 255;
			argb[i] = 0xff000000 | v << 16 | (v / 2) << 8 | (v / 4);
		}
		ImagePlus rgb = new ImagePlus("colour", tinted);
		new FileSaver(rgb).saveAsTiff(in.resolve("colour.tif").toString());
		List<String> log = new ArrayList<>();
		SegmentRequest r = SegmentRequest.defaults().with("model", sc.fiji.convnet.TestData.bioimageioNucleiModel().toString()).with("views", 1);
		FolderRunner.Report report = new BatchSegmentation(r.segmenter(), r.channel(), false, log::add).run(in.toFile(), tmp.resolve("out").toFile(), null,
				Progress.NONE);
		assertEquals(2, report.processed.size(), log.toString());
		String header = Files.readAllLines(tmp.resolve("out/measurements.csv")).get(0);
		for (String column : List.of("Perim.", "Circ.", "Major", "Minor", "AR", "Round", "Solidity", "Feret", "MinFeret"))
			assertTrue(List.of(header.split(",")).contains(column), column + " in " + header);
		assertEquals(1, log.stream().filter(l -> l.startsWith("colour.tif: warning:") && l.contains("RGB")).count(), log.toString());
		assertEquals(0, log.stream().filter(l -> l.startsWith("grey.tif: warning:")).count(), log.toString());
	}
}
