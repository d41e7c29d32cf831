package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoxCsvTest {

	@TempDir Path dir;

	@Test
	void writesTheContractHeaderAndReadsItBack() throws IOException {
		List<Box> boxes = List.of(new Box("RBC", 0.875, 10.5, 20, 30, 40), new Box("odd, \"name\"", 0.25, 0, 0, 1, 2));
		Path f = dir.resolve("a_boxes.csv");
		BoxCsv.write(f, boxes);
		assertEquals("class,score,x,y,width,height", Files.readAllLines(f).get(0));
		assertEquals("RBC,0.875000,10.500,20.000,30.000,40.000", Files.readAllLines(f).get(1));
		assertEquals(boxes, BoxCsv.read(f));
	}

	@Test
	void findsColumnsByNameInAnyOrder() throws IOException {
		Path f = dir.resolve("b.csv");
		Files.writeString(f, "Width,Height,X,Y,Class,Score,extra\n5,6,1,2,WBC,0.5,zzz\n");
		assertEquals(List.of(new Box("WBC", 0.5, 1, 2, 5, 6)), BoxCsv.read(f));
	}

	@Test
	void missingColumnNamesTheFile() throws IOException {
		Path f = dir.resolve("c.csv");
		Files.writeString(f, "class,score,x,y,width\nRBC,1,1,1,1\n");
		IOException e = assertThrows(IOException.class, () -> BoxCsv.read(f));
		assertEquals(true, e.getMessage().contains("c.csv") && e.getMessage().contains("height"), e.getMessage());
	}
}
