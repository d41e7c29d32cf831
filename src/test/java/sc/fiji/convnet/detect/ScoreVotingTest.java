package sc.fiji.convnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The passes' vote worked out by hand: agreement keeps a score, a lone box loses, other classes and misses do not vote. */
class ScoreVotingTest {

	private static Box box(String label, double score, double x) { return new Box(label, score, x, 10, 20, 20); }

	@Test
	void onePassKeepsEveryScore() {
		List<Box> pass = List.of(box("RBC", 0.7, 0), box("WBC", 0.2, 50));
		assertEquals(pass, ScoreVoting.rescore(List.of(pass)));
	}

	@Test
	void aBoxFoundByEveryPassKeepsItsScoreAndALoneBoxLoses() {
		Box a = box("RBC", 0.8, 0), b = box("RBC", 0.8, 1), c = box("RBC", 0.8, 2), d = box("RBC", 0.8, 3);
		Box lone = box("Platelets", 0.6, 200);
		List<Box> out = ScoreVoting.rescore(List.of(List.of(a, lone), List.of(b), List.of(c), List.of(d)));
		assertEquals(0.8, out.get(0).score(), 1e-12);
		assertEquals(Math.sqrt(0.6 * 0.6 / 4), out.get(1).score(), 1e-12); // its own 0.6 over four passes
		assertEquals(lone.x(), out.get(1).x());
	}

	@Test
	void eachPassVotesWithItsBestOverlappingBoxOfTheSameClass() {
		Box own = box("RBC", 0.5, 0);
		// pass 2: a weaker and a stronger match, a stronger box of another class, a stronger box that barely overlaps
		List<Box> second = List.of(box("RBC", 0.3, 1), box("RBC", 0.9, 2), box("WBC", 1.0, 0), box("RBC", 1.0, 15));
		List<Box> out = ScoreVoting.rescore(List.of(List.of(own), second));
		double vote = (0.5 + 0.9) / 2;
		assertEquals(Math.sqrt(0.5 * vote), out.get(0).score(), 1e-12);
		assertEquals(5, out.size());
	}

	@Test
	void thePassThresholdIsTheFloorUnlessTheUsersIsLower() {
		assertEquals(ScoreVoting.FLOOR, ScoreVoting.passThreshold(0.35));
		assertEquals(0.01, ScoreVoting.passThreshold(0.01));
	}
}
