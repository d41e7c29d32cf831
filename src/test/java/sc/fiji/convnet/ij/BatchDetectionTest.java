package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.BoxCsv;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.detect.Detector;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.predict.Progress;

class BatchDetectionTest {

	@TempDir Path dir;

	/** Finds one "RBC" box per 10 pixels of image width, and one "WBC" in the corner: the expected counts follow from the sizes. */
	static final class Counting implements Detector {
		@Override
		public List<Box> detect(RgbImage image, DetectionSettings s) {
			List<Box> out = new ArrayList<>();
			for (int x = 0; x + 10 <= image.width(); x += 10) out.add(new Box("RBC", 0.9, x, 0, 10, 10));
			out.add(new Box("WBC", 0.5, 0, 0, 5, 5));
			return out;
		}
		@Override public List<String> classes() { return List.of("Platelets", "RBC", "WBC"); }
		@Override public String describe() { return "counting"; }
	}

	@Test
	void writesBoxesAndCountsSkipsNonImagesAndKeepsOutputs() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB), "png", in.resolve("a.png").toFile());
		ImageIO.write(new BufferedImage(50, 20, BufferedImage.TYPE_INT_RGB), "png", in.resolve("b.png").toFile());
		Files.writeString(in.resolve("notes.txt"), "not an image");
		List<String> log = new ArrayList<>();
		BatchDetection batch = new BatchDetection(new Counting(), DetectionSettings.defaults(), false, log::add);
		FolderRunner.Report r = batch.run(in.toFile(), out.toFile(), null, Progress.NONE);
		assertEquals(List.of("a.png", "b.png"), r.processed);
		assertEquals(List.of("notes.txt"), r.notImages, "a non-image is passed over");
		assertEquals(List.of(), r.failed);
		assertTrue(log.stream().anyMatch(l -> l.startsWith("notes.txt: skipped")), log.toString());
		assertEquals(4, BoxCsv.read(out.resolve("a_boxes.csv")).size());
		assertEquals(BoxCsv.HEADER, Files.readAllLines(out.resolve("b_boxes.csv")).get(0));
		assertEquals(List.of("image,Platelets,RBC,WBC,total", "a.png,0,3,1,4", "b.png,0,5,1,6", "total,0,8,2,10"),
				Files.readAllLines(out.resolve(BatchDetection.COUNTS)));
		// a second run keeps what exists
		FolderRunner.Report again = batch.run(in.toFile(), out.toFile(), "*.png", Progress.NONE);
		assertEquals(List.of("a.png", "b.png"), again.skipped);
		FolderRunner.Report forced = new BatchDetection(new Counting(), DetectionSettings.defaults(), true, log::add)
				.run(new File(in.toFile(), "a.png"), out.toFile(), null, Progress.NONE);
		assertEquals(List.of("a.png"), forced.processed);
	}
}
