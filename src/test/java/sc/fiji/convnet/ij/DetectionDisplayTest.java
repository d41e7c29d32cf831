package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.RgbImage;

class DetectionDisplayTest {

	private final List<String> classes = List.of("Platelets", "RBC", "WBC");
	private final List<Box> boxes = List.of(new Box("RBC", 0.9, 10, 20, 30, 40), new Box("WBC", 0.8, 50, 5, 20, 10), new Box("RBC", 0.7, 0, 0, 5, 5));
	private final List<DetectionPlanes.Plane> one = List.of(new DetectionPlanes.Plane(1, 1, 1, boxes));

	@Test
	void overlayHasOneColouredLabelledRectanglePerBox() {
		ImagePlus imp = new ImagePlus("t", new ColorProcessor(100, 80));
		Overlay o = DetectionDisplay.addOverlay(imp, one, classes);
		assertEquals(3, o.size());
		assertEquals("RBC 0.90", o.get(0).getName());
		assertEquals(new java.awt.Rectangle(10, 20, 30, 40), o.get(0).getBounds());
		assertEquals(o.get(0).getStrokeColor(), o.get(2).getStrokeColor(), "same class, same colour");
		assertNotEquals(o.get(0).getStrokeColor(), o.get(1).getStrokeColor(), "other class, other colour");
	}

	@Test
	void tableIsCalibratedAndCountsPerClass() {
		ImagePlus imp = new ImagePlus("t", new ColorProcessor(100, 80));
		imp.getCalibration().pixelWidth = 0.5;
		imp.getCalibration().pixelHeight = 0.25;
		ResultsTable t = DetectionDisplay.table(imp, one);
		assertEquals(3, t.size());
		assertEquals("RBC", t.getStringValue("class", 0));
		assertEquals(5.0, t.getValue("x", 0), 1e-9);
		assertEquals(5.0, t.getValue("y", 0), 1e-9);
		assertEquals(15.0, t.getValue("width", 0), 1e-9);
		assertEquals(10.0, t.getValue("height", 0), 1e-9);
		ResultsTable c = DetectionDisplay.counts(imp, one, classes);
		assertEquals(List.of("Platelets", "RBC", "WBC", "total"), List.of(c.getStringValue("class", 0), c.getStringValue("class", 1),
				c.getStringValue("class", 2), c.getStringValue("class", 3)));
		assertEquals(0, c.getValue("count", 0));
		assertEquals(2, c.getValue("count", 1));
		assertEquals(1, c.getValue("count", 2));
		assertEquals(3, c.getValue("count", 3));
	}

	@Test
	void rgbPixelsReachTheDetectorUnchanged() {
		ColorProcessor cp = new ColorProcessor(4, 3);
		cp.set(2, 1, 0xff336699);
		RgbImage rgb = DetectionImages.toRgb(new ImagePlus("t", cp));
		assertEquals(0x33 / 255f, rgb.get(0, 2, 1), 1e-6);
		assertEquals(0x66 / 255f, rgb.get(1, 2, 1), 1e-6);
		assertEquals(0x99 / 255f, rgb.get(2, 2, 1), 1e-6);
	}
}
