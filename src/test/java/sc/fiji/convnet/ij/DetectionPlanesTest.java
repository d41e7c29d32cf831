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
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.BoxCsv;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.detect.Detector;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.predict.Progress;

/**
 * Detect Objects on stacks and hyperstacks: every slice and frame is searched, each box lands on its own plane in the
 * overlay, the tables and the batch CSV name the plane. A stand-in detector puts one box on the brightest pixel of what
 * it is given, so each plane's box says which plane's pixels the detector saw.
 */
class DetectionPlanesTest {

	/** One 4×4 box around the brightest pixel of channel 0. */
	private static final class Brightest implements Detector {
		@Override
		public List<Box> detect(RgbImage image, DetectionSettings settings) {
			int best = 0;
			for (int y = 0; y < image.height(); y++)
				for (int x = 0; x < image.width(); x++) if (image.get(0, x, y) > image.get(0, best % image.width(), best / image.width())) best = y * image.width() + x;
			return List.of(new Box("cell", 0.9, best % image.width(), best / image.width(), 4, 4));
		}

		@Override public List<String> classes() { return List.of("cell"); }
		@Override public String describe() { return "brightest pixel"; }
	}

	/** A stack of {@code slices × frames} 8-bit planes, plane k (0-based, in stack order) bright at (10 + 5k, 20). */
	private static ImagePlus stack(int slices, int frames) {
		ImageStack stack = new ImageStack(64, 48);
		for (int k = 0; k < slices * frames; k++) {
			ByteProcessor bp = new ByteProcessor(64, 48);
			bp.set(10 + 5 * k, 20, 200);
			stack.addSlice(bp);
		}
		ImagePlus imp = new ImagePlus("stack", stack);
		imp.setDimensions(1, slices, frames);
		if (frames > 1) imp.setOpenAsHyperStack(true);
		return imp;
	}

	@Test
	void everySliceAndFrameOfAHyperstackIsSearchedAndNamed() {
		ImagePlus imp = stack(2, 3);
		DetectionRun.Output out = DetectionRun.run(imp, new Brightest(), DetectionSettings.defaults(), true, true, false, Progress.NONE);
		assertEquals(6, out.boxes().size());
		ResultsTable t = out.table();
		for (int row = 0; row < 6; row++) {
			int slice = (int) t.getValue("slice", row), frame = (int) t.getValue("frame", row);
			int k = (frame - 1) * 2 + (slice - 1); // stack order: slices within frames
			assertEquals(10 + 5 * k, t.getValue("x", row), 1e-9, "row " + row + ": the box of slice " + slice + ", frame " + frame);
		}
		Overlay o = imp.getOverlay();
		assertEquals(6, o.size());
		for (Roi r : o.toArray()) {
			int k = (r.getTPosition() - 1) * 2 + (r.getZPosition() - 1);
			assertEquals(10 + 5 * k, r.getBounds().x, "ROI on slice " + r.getZPosition() + ", frame " + r.getTPosition());
			assertEquals(0, r.getCPosition(), "on every channel");
		}
		ResultsTable c = out.counts();
		assertEquals(6 * 2 + 2, c.size(), "a class row and a total row per plane, then the whole image's");
		assertEquals(6, c.getValue("count", c.size() - 1));
	}

	@Test
	void aPlainStackPutsItsBoxesOnTheirSlicesAndTheCurrentPlaneAloneCanBeChosen() {
		ImagePlus imp = stack(3, 1);
		DetectionRun.run(imp, new Brightest(), DetectionSettings.defaults(), true, true, false, Progress.NONE);
		List<Integer> positions = new ArrayList<>();
		for (Roi r : imp.getOverlay().toArray()) positions.add(r.getPosition());
		assertEquals(List.of(1, 2, 3), positions);

		ImagePlus other = stack(3, 1);
		other.setSlice(2);
		DetectionRun.Output current = DetectionRun.run(other, new Brightest(), DetectionSettings.defaults(), false, true, false, Progress.NONE);
		assertEquals(1, current.boxes().size());
		assertEquals(15, current.boxes().get(0).x(), 1e-9, "slice 2's box");
	}

	@Test
	void aBatchWritesTheBoxesOfEveryPlaneWithTheirPlane(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		IJ.saveAsTiff(stack(3, 1), in.resolve("movie.tif").toString());
		new BatchDetection(new Brightest(), DetectionSettings.defaults(), false, s -> {}).run(in.toFile(), out.toFile(), "*", Progress.NONE);
		List<String> lines = Files.readAllLines(out.resolve("movie" + BoxCsv.SUFFIX));
		assertEquals(BoxCsv.HEADER + ",slice,frame", lines.get(0));
		assertEquals(4, lines.size());
		assertTrue(lines.get(2).startsWith("cell,0.900000,15.000,20.000") && lines.get(2).endsWith(",2,1"), lines.get(2));
		assertEquals(3, BoxCsv.read(out.resolve("movie" + BoxCsv.SUFFIX)).size(), "readers of the six columns still read it");
	}
}
