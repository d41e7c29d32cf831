package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.gui.Roi;
import ij.io.RoiDecoder;
import sc.fiji.convnet.segment.LabelImage;

/** A written ROI set decodes with ImageJ's own RoiDecoder to the same outlines and names. */
class RoiZipTest {

	@Test
	void roundTripsThroughImageJsDecoder(@TempDir Path dir) throws Exception {
		int w = 20, h = 10;
		int[] l = new int[w * h];
		for (int y = 1; y < 5; y++) for (int x = 1; x < 6; x++) l[y * w + x] = 1;
		for (int y = 3; y < 9; y++) for (int x = 10; x < 18; x++) l[y * w + x] = 2;
		List<Roi> rois = LabelRois.fromLabels(new LabelImage(w, h, l, 2), 3);
		File zip = dir.resolve("rois.zip").toFile();
		RoiZip.write(rois, zip);
		try (ZipFile z = new ZipFile(zip)) {
			assertEquals(2, z.size());
			int k = 0;
			for (ZipEntry e : java.util.Collections.list(z.entries())) {
				byte[] bytes = z.getInputStream(e).readAllBytes();
				Roi roi = RoiDecoder.openFromByteArray(bytes);
				Roi expected = rois.get(k++);
				assertEquals(expected.getBounds(), roi.getBounds());
				assertEquals(expected.getName() + ".roi", e.getName());
				assertEquals(3, roi.getPosition());
			}
		}
		assertEquals(new java.awt.Rectangle(1, 1, 5, 4), rois.get(0).getBounds());
		assertEquals(20, rois.get(0).getContainedPoints().length);
		Files.delete(zip.toPath());
	}
}
