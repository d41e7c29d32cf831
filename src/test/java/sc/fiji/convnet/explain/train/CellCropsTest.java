package sc.fiji.convnet.explain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.detect.train.DetectionSample;

class CellCropsTest {

	private static final List<Box> BOXES = List.of(new Box("RBC", 1, 10, 10, 30, 20), new Box("WBC", 1, 60, 50, 40, 40),
			new Box("RBC", 1, 0, 70, 20, 20), new Box("Platelets", 1, 100, 5, 10, 10));

	private static List<DetectionSample> samples() {
		return List.of(new DetectionSample("a", new RgbImage(128, 96, new float[3 * 128 * 96]), BOXES));
	}

	@Test
	void oneCropPerBoxAtItsCentre() {
		List<List<CellCrop>> byClass = CellCrops.objects(samples());
		assertEquals(2, byClass.get(CellCrops.CLASSES.indexOf("RBC")).size());
		CellCrop wbc = byClass.get(CellCrops.CLASSES.indexOf("WBC")).get(0);
		assertEquals(80, wbc.cx(), 1e-9);
		assertEquals(70, wbc.cy(), 1e-9);
		assertEquals(40, wbc.objectSize(), 1e-9);
		assertEquals(1, byClass.get(CellCrops.CLASSES.indexOf("Platelets")).size());
		assertTrue(byClass.get(CellCrops.BACKGROUND).isEmpty());
		assertThrows(IllegalArgumentException.class, () -> CellCrops.classIndex("Neutrophil"));
	}

	/** Every background window lies in the image and shares no pixel area with a box. */
	@Test
	void backgroundWindowsTouchNoBox() {
		int clearance = 16;
		List<CellCrop> bg = CellCrops.background(samples(), clearance, 30, 3);
		assertEquals(30, bg.size());
		for (CellCrop c : bg) {
			double x0 = c.cx() - clearance / 2.0, y0 = c.cy() - clearance / 2.0, x1 = x0 + clearance, y1 = y0 + clearance;
			assertTrue(x0 >= 0 && y0 >= 0 && x1 <= 128 && y1 <= 96, "inside: " + c);
			for (Box b : BOXES) {
				double ix = Math.min(x1, b.x() + b.width()) - Math.max(x0, b.x()), iy = Math.min(y1, b.y() + b.height()) - Math.max(y0, b.y());
				assertTrue(ix <= 0 || iy <= 0, c + " overlaps " + b);
			}
			assertEquals(CellCrops.BACKGROUND, c.label());
		}
	}
}
