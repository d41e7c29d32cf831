package sc.fiji.convnet.explain;

import java.util.ArrayList;
import java.util.List;

/** The k most probable classes of one set of logits (softmax in double precision), best first. */
public final class TopClasses {

	private TopClasses() {}

	/** A class and its softmax probability. */
	public record Ranked(int index, String name, double probability) {}

	public static List<Ranked> of(float[] logits, List<String> names, int k) {
		if (k < 1) throw new IllegalArgumentException("TopClasses: k must be at least 1, got " + k);
		double[] p = ClassScores.softmax(logits);
		boolean[] taken = new boolean[p.length];
		List<Ranked> out = new ArrayList<>();
		for (int r = 0; r < Math.min(k, p.length); r++) {
			int best = -1;
			for (int i = 0; i < p.length; i++) if (!taken[i] && (best < 0 || p[i] > p[best])) best = i;
			taken[best] = true;
			out.add(new Ranked(best, name(names, best), p[best]));
		}
		return out;
	}

	/** The class's name from the list, or "class k" when the list has none for it. */
	public static String name(List<String> names, int k) {
		return names != null && k < names.size() ? names.get(k) : "class " + k;
	}
}
