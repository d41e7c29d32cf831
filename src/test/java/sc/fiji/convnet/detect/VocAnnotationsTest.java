package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.TestData;

class VocAnnotationsTest {

	@TempDir Path dir;

	@Test
	void readsBoxesAndDifficultFlags() throws IOException {
		Path f = dir.resolve("a.xml");
		Files.writeString(f, "<annotation><object><name>WBC</name><difficult>0</difficult><bndbox><xmin>68</xmin><ymin>315</ymin><xmax>286</xmax>"
				+ "<ymax>480</ymax></bndbox></object><object><name> RBC </name><difficult>1</difficult><bndbox><xmin>1.5</xmin><ymin>2</ymin>"
				+ "<xmax>11.5</xmax><ymax>22</ymax></bndbox></object></annotation>");
		assertEquals(List.of(new Box("WBC", 1, 68, 315, 218, 165), new Box("RBC", 1, 1.5, 2, 10, 20, true)), VocAnnotations.read(f));
	}

	@Test
	void agreesWithARegexReadingOfABccdFile() throws IOException {
		Path xml = TestData.shared("bccd/Annotations/BloodImage_00001.xml");
		String text = Files.readString(xml);
		Matcher m = Pattern.compile("<name>(\\w+)</name>.*?<xmin>(\\d+)</xmin>\\s*<ymin>(\\d+)</ymin>\\s*<xmax>(\\d+)</xmax>\\s*<ymax>(\\d+)</ymax>",
				Pattern.DOTALL).matcher(text);
		List<Box> boxes = VocAnnotations.read(xml);
		int k = 0;
		while (m.find()) {
			Box b = boxes.get(k++);
			assertEquals(m.group(1), b.label());
			assertEquals(Double.parseDouble(m.group(2)), b.x());
			assertEquals(Double.parseDouble(m.group(5)) - Double.parseDouble(m.group(3)), b.height());
		}
		assertEquals(k, boxes.size());
	}

	@Test
	void missingBoxNamesTheFile() throws IOException {
		Path f = dir.resolve("bad.xml");
		Files.writeString(f, "<annotation><object><name>WBC</name></object></annotation>");
		IOException e = assertThrows(IOException.class, () -> VocAnnotations.read(f));
		assertEquals(true, e.getMessage().contains("bad.xml") && e.getMessage().contains("bndbox"), e.getMessage());
	}
}
