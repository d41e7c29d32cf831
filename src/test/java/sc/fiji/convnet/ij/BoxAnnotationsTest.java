package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.VocAnnotations;
import sc.fiji.convnet.detect.train.DetectionSample;

/**
 * Boxes for training detectors and classifiers: ROIs named by class against the Pascal VOC file a person would write
 * for the same objects, images matched with VOC files by name, and one subfolder per class.
 */
class BoxAnnotationsTest {

	@TempDir Path dir;

	/** An RGB image whose pixel (x, y) is (x, y, 7). */
	private static ImagePlus ramp(String title, int w, int h) {
		ColorProcessor p = new ColorProcessor(w, h);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) p.set(x, y, (x << 16) | (y << 8) | 7);
		return new ImagePlus(title, p);
	}

	private static Roi named(Roi r, String name) {
		r.setName(name);
		return r;
	}

	@Test
	void roisNamedByClassAreTheBoxesOfTheirVocFile() throws IOException {
		ImagePlus imp = ramp("smear", 120, 90);
		Roi group = new OvalRoi(60, 50, 20, 16);
		group.setGroup(7);
		Roi.setGroupName(7, "Platelets");
		Roi[] rois = { named(new Roi(10, 20, 30, 15), "RBC"), named(new OvalRoi(50, 5, 20, 25), "WBC 0.93"), group,
				named(new Roi(0, 0, 5, 5), "0001-0002-0003"), new PolygonRoi(new float[] { 100, 110, 105 }, new float[] { 80, 80, 88 }, Roi.POLYGON),
				named(new Line(1, 1, 30, 30), "RBC") }; // a line outlines nothing
		List<String> log = new ArrayList<>();
		DetectionSample s = RoiBoxes.sample(imp, rois, log::add);

		// the named area ROIs span x 10..80, y 5..66: the image is cut there, and the boxes are those a VOC file of the cut gives
		Path xml = Files.writeString(dir.resolve("cut.xml"), String.join("\n", "<annotation>",
				object("RBC", 0, 15, 30, 30), object("WBC", 40, 0, 60, 25), object("Platelets", 50, 45, 70, 61), "</annotation>"));
		List<Box> reference = VocAnnotations.read(xml);
		assertEquals(reference.size(), s.boxes().size(), s.boxes().toString());
		for (int i = 0; i < reference.size(); i++) {
			Box want = reference.get(i), got = s.boxes().get(i);
			assertEquals(want.label(), got.label());
			assertEquals(want.x(), got.x(), 1e-9, got.toString());
			assertEquals(want.y(), got.y(), 1e-9, got.toString());
			assertEquals(want.width(), got.width(), 1e-9, got.toString());
			assertEquals(want.height(), got.height(), 1e-9, got.toString());
		}
		assertEquals(70, s.image().width());
		assertEquals(61, s.image().height());
		assertEquals(10 / 255f, s.image().get(0, 0, 0), 1e-6, "red = x of the original pixel");
		assertEquals(5 / 255f, s.image().get(1, 0, 0), 1e-6, "green = y of the original pixel");
		assertEquals((10 + 69) / 255f, s.image().get(0, 69, 60), 1e-6);
		assertEquals(List.of("smear: 2 ROIs name no class (name them by class, e.g. 'WBC', or put them in a named group): left out"), log);
		assertNull(RoiBoxes.sample(imp, new Roi[] { new Roi(1, 1, 4, 4) }, line -> {}), "no ROI names a class");
	}

	private static String object(String name, int xmin, int ymin, int xmax, int ymax) {
		return "<object><name>" + name + "</name><bndbox><xmin>" + xmin + "</xmin><ymin>" + ymin + "</ymin><xmax>" + xmax + "</xmax><ymax>" + ymax
				+ "</ymax></bndbox></object>";
	}

	@Test
	void imagesAreMatchedWithVocFilesByName() throws IOException {
		File images = Files.createDirectories(dir.resolve("img")).toFile(), xml = Files.createDirectories(dir.resolve("xml")).toFile();
		new FileSaver(ramp("a", 40, 30)).saveAsPng(new File(images, "a.png").getPath());
		new FileSaver(ramp("b", 40, 30)).saveAsTiff(new File(images, "B.tif").getPath());
		new FileSaver(ramp("c", 40, 30)).saveAsPng(new File(images, "c.png").getPath());
		Files.writeString(xml.toPath().resolve("a.xml"), "<annotation>" + object("cell", 1, 2, 11, 22) + "</annotation>");
		Files.writeString(xml.toPath().resolve("b.xml"), "<annotation></annotation>"); // an image without objects
		List<String> log = new ArrayList<>();
		List<DetectionSample> samples = VocFolders.read(images, xml, log::add);
		assertEquals(List.of("B", "a"), samples.stream().map(DetectionSample::id).sorted().toList());
		DetectionSample a = samples.stream().filter(s -> s.id().equals("a")).findFirst().orElseThrow();
		assertEquals(new Box("cell", 1, 1, 2, 10, 20), a.boxes().get(0));
		assertEquals(40, a.image().width());
		assertTrue(log.size() == 1 && log.get(0).startsWith("no annotation c.xml for c.png"), log.toString());
	}

	@Test
	void eachSubfolderIsAClassOfWholeImages() throws IOException {
		for (String c : List.of("round", "square")) {
			File folder = Files.createDirectories(dir.resolve("classes").resolve(c)).toFile();
			new FileSaver(ramp(c, 24, 16)).saveAsPng(new File(folder, "1.png").getPath());
			Files.writeString(folder.toPath().resolve("notes.txt"), "not an image");
		}
		List<DetectionSample> samples = ClassFolders.read(dir.resolve("classes").toFile(), line -> {});
		assertEquals(List.of("round/1.png", "square/1.png"), samples.stream().map(DetectionSample::id).toList());
		assertEquals(List.of(new Box("square", 1, 0, 0, 24, 16)), samples.get(1).boxes());
	}
}
