package sc.fiji.convnet.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.IJ;
import ij.process.FloatProcessor;

class PointingGameTest {

	@TempDir
	Path tmp;

	private static String voc(String... objects) {
		StringBuilder b = new StringBuilder("<annotation><filename>x.jpg</filename>");
		for (String o : objects) {
			String[] f = o.split(" ");
			b.append("<object><name>").append(f[0]).append("</name><bndbox><xmin>").append(f[1]).append("</xmin><ymin>").append(f[2])
					.append("</ymin><xmax>").append(f[3]).append("</xmax><ymax>").append(f[4]).append("</ymax></bndbox></object>");
		}
		return b.append("</annotation>").toString();
	}

	private static SaliencyMap peakAt(int w, int h, int x, int y) {
		float[] v = new float[w * h];
		v[y * w + x] = 1;
		return new SaliencyMap(v, w, h, 0, 0, "test");
	}

	@Test
	void hitWithinTheToleranceOfABoxOfTheClass() {
		List<PointingGame.Box> boxes = List.of(new PointingGame.Box("WBC", 20, 10, 40, 30));
		assertTrue(PointingGame.hit(peakAt(100, 60, 30, 20), boxes, 0));
		assertTrue(PointingGame.hit(peakAt(100, 60, 40, 30), boxes, 0), "inclusive");
		assertFalse(PointingGame.hit(peakAt(100, 60, 41, 30), boxes, 0));
		assertTrue(PointingGame.hit(peakAt(100, 60, 55, 45), boxes, 15));
		assertFalse(PointingGame.hit(peakAt(100, 60, 56, 20), boxes, 15));
	}

	@Test
	void readsTheRealBccdAnnotations() throws IOException {
		Path f = Path.of("../shared/data/bccd/Annotations/BloodImage_00000.xml");
		assumeTrue(Files.exists(f), "BCCD data not found at " + f.toAbsolutePath());
		List<PointingGame.Box> boxes = PointingGame.readVoc(f);
		assertEquals(new PointingGame.Box("WBC", 260, 177, 491, 376), boxes.get(0));
		assertTrue(boxes.stream().anyMatch(b -> b.label().equals("RBC")));
		Path bad = Files.writeString(tmp.resolve("bad.xml"), "<annotation><object><name>RBC</name><bndbox><xmin>a</xmin></bndbox></object></annotation>");
		IOException e = assertThrows(IOException.class, () -> PointingGame.readVoc(bad));
		assertTrue(e.getMessage().contains("bad.xml"), e.getMessage());
	}

	/** Our evaluation and the project-independent pointing_game.py agree on maps written as TIFF by ImageJ. */
	@Test
	void folderScoreAgreesWithTheIndependentScript() throws Exception {
		Path ann = Files.createDirectories(tmp.resolve("ann")), sal = Files.createDirectories(tmp.resolve("sal"));
		Files.writeString(ann.resolve("a.xml"), voc("WBC 20 10 40 30", "RBC 0 0 5 5"));
		Files.writeString(ann.resolve("b.xml"), voc("WBC 60 40 90 55"));
		Files.writeString(ann.resolve("c.xml"), voc("RBC 1 1 9 9")); // no WBC: does not count
		Files.writeString(ann.resolve("d.xml"), voc("WBC 5 5 10 10")); // no map: missing
		Files.writeString(ann.resolve("e.xml"), voc("WBC 0 0 3 3", "WBC 70 50 80 55"));
		Map<String, SaliencyMap> maps = new HashMap<>();
		maps.put("a", peakAt(100, 60, 33, 12)); // hit
		maps.put("b", peakAt(100, 60, 10, 10)); // miss
		maps.put("c", peakAt(100, 60, 5, 5));
		maps.put("e", peakAt(100, 60, 92, 45)); // hit on the second box, 12 px away
		for (Map.Entry<String, SaliencyMap> m : maps.entrySet())
			IJ.saveAsTiff(new ImagePlus(m.getKey(), new FloatProcessor(100, 60, m.getValue().values())), sal.resolve(m.getKey() + "_saliency.tif").toString());
		PointingGame.Score s = PointingGame.evaluate(ann, "WBC", 15, maps::get);
		assertEquals(new PointingGame.Score("WBC", 2, 4, 1), s);
		assertEquals(0.5, s.accuracy());
		// the same through the facade, reading the TIFF maps
		ij.measure.ResultsTable t = sc.fiji.convnet.ConvNet.evaluateSaliency(ann.toString(), sal.toString(), "WBC", "_saliency.tif", 15);
		assertEquals(2, t.getValue("Hits", 0));
		assertEquals(4, t.getValue("Images", 0));
		assertEquals(1, t.getValue("Missing maps", 0));
		assertEquals(0.5, t.getValue("Pointing game", 0));
		Path script = Path.of("../shared/tools/pointing_game.py");
		assumeTrue(Files.exists(script) && runs("import numpy"), "python3 with numpy, and " + script + ", are needed for the cross-check");
		String pythonPath = "";
		if (!runs("import tifffile")) {
			// no tifffile here: a minimal reader of ImageJ's uncompressed TIFFs stands in for it (the script itself is unchanged)
			Path shim = Files.createDirectories(tmp.resolve("shim"));
			Files.writeString(shim.resolve("tifffile.py"), TIFF_READER);
			pythonPath = shim.toString();
		}
		ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), ann.toString(), sal.toString(), "WBC").redirectErrorStream(true);
		if (!pythonPath.isEmpty()) pb.environment().put("PYTHONPATH", pythonPath);
		Process p = pb.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), out);
		assertTrue(out.contains("pointing game WBC: 2/4 = 0.5000") && out.contains("missing saliency maps: 1 of 4"), out);
	}

	private static boolean runs(String python) throws Exception {
		return new ProcessBuilder("/usr/bin/python3", "-c", python).start().waitFor() == 0;
	}

	/** Reads one plane of an uncompressed TIFF as ImageJ writes it (8/16-bit unsigned or 32-bit float, either byte order). */
	private static final String TIFF_READER = String.join("\n",
			"import struct, numpy as np",
			"def imread(path):",
			"    b = open(path, 'rb').read()",
			"    e = '<' if b[:2] == b'II' else '>'",
			"    off = struct.unpack(e + 'I', b[4:8])[0]",
			"    tags = {}",
			"    for i in range(struct.unpack(e + 'H', b[off:off + 2])[0]):",
			"        p = off + 2 + 12 * i",
			"        tag, typ, cnt = struct.unpack(e + 'HHI', b[p:p + 8])",
			"        val = struct.unpack(e + 'H', b[p + 8:p + 10])[0] if typ == 3 else struct.unpack(e + 'I', b[p + 8:p + 12])[0]",
			"        tags[tag] = (typ, cnt, val)",
			"    assert tags.get(259, (3, 1, 1))[2] == 1, 'compressed TIFF'",
			"    w, h, bits = tags[256][2], tags[257][2], tags[258][2]",
			"    kind = tags.get(339, (3, 1, 1))[2]",
			"    typ, cnt, val = tags[273]",
			"    first = val if cnt == 1 else struct.unpack(e + ('I' if typ == 4 else 'H'), b[val:val + (4 if typ == 4 else 2)])[0]",
			"    dt = np.dtype({(32, 3): 'f4', (16, 1): 'u2', (8, 1): 'u1'}[(bits, kind)]).newbyteorder(e)",
			"    return np.frombuffer(b, dtype=dt, count=w * h, offset=first).reshape(h, w)",
			"");
}
