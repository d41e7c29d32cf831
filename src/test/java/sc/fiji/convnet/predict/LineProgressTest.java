package sc.fiji.convnet.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Headless runs show the same steps as the status line, as a few lines per step (issue #19). */
class LineProgressTest {

	@Test
	void stepsAndCountsAsLines() {
		List<String> lines = new ArrayList<>();
		LineProgress p = new LineProgress("a.tif", lines::add);
		p.stage("normalising");
		p.stage("predicting");
		for (int i = 1; i <= 4; i++) p.update(i, 4);
		p.stage("decoding");
		assertEquals(List.of("a.tif: normalising", "a.tif: predicting", "a.tif: predicting 1/4", "a.tif: predicting 2/4", "a.tif: predicting 3/4",
				"a.tif: predicting 4/4", "a.tif: decoding"), lines);
	}

	@Test
	void fractionsAtMostTenLinesPerStep() {
		List<String> lines = new ArrayList<>();
		LineProgress p = new LineProgress("big", lines::add);
		p.stage("predicting");
		for (int i = 0; i <= 1000; i++) p.update(i, 1000);
		assertEquals(11, lines.size(), lines.toString());
		assertEquals("big: predicting 10 %", lines.get(1));
		assertEquals("big: predicting 100 %", lines.get(10));
		p.stage("predicting"); // the same step again adds nothing
		assertEquals(11, lines.size());
	}

	@Test
	void cancelsWhenAsked() {
		boolean[] esc = { false };
		LineProgress p = new LineProgress("x", s -> {}, () -> esc[0]);
		assertTrue(!p.cancelled());
		esc[0] = true;
		assertTrue(p.cancelled());
		assertTrue(Progress.NONE.cancelledAlsoBy(p).cancelled());
	}
}
