package sc.fiji.convnet.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Counts per class (a blood count) and the batch summary table. */
public final class DetectionCounts {

	private DetectionCounts() {}

	/** Count per class: every known class (0 when absent) first, then any other class met, in order of appearance. */
	public static Map<String, Integer> perClass(List<Box> boxes, List<String> knownClasses) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String c : knownClasses) counts.put(c, 0);
		for (Box b : boxes) counts.merge(b.label(), 1, Integer::sum);
		return counts;
	}

	/** CSV with columns image, one per class, total; and a last row "total". */
	public static String csv(Map<String, Map<String, Integer>> perImage, List<String> knownClasses) {
		TreeSet<String> extra = new TreeSet<>();
		for (Map<String, Integer> m : perImage.values()) for (String c : m.keySet()) if (!knownClasses.contains(c)) extra.add(c);
		List<String> classes = new java.util.ArrayList<>(knownClasses);
		classes.addAll(extra);
		StringBuilder sb = new StringBuilder("image");
		for (String c : classes) sb.append(',').append(c);
		sb.append(",total\n");
		int[] totals = new int[classes.size() + 1];
		for (Map.Entry<String, Map<String, Integer>> e : perImage.entrySet()) {
			sb.append(e.getKey().contains(",") ? '"' + e.getKey() + '"' : e.getKey());
			int sum = 0;
			for (int k = 0; k < classes.size(); k++) {
				int n = e.getValue().getOrDefault(classes.get(k), 0);
				sb.append(',').append(n);
				totals[k] += n;
				sum += n;
			}
			totals[classes.size()] += sum;
			sb.append(',').append(sum).append('\n');
		}
		sb.append("total");
		for (int t : totals) sb.append(',').append(t);
		return sb.append('\n').toString();
	}
}
