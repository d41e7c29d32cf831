package sc.fiji.convnet.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Which top-level package uses which, and the cycles among them (strongly connected parts of more than one package). */
final class PackageGraph {

	private PackageGraph() {}

	static Map<String, Set<String>> of(Map<String, Set<String>> references, Function<String, String> packageOf) {
		Map<String, Set<String>> graph = new TreeMap<>();
		references.forEach((from, tos) -> {
			String a = packageOf.apply(from);
			Set<String> out = graph.computeIfAbsent(a, k -> new TreeSet<>());
			for (String to : tos) {
				String b = packageOf.apply(to);
				if (b != null && !b.equals(a)) out.add(b);
			}
		});
		return graph;
	}

	/** Tarjan's algorithm; each cycle lists its packages. */
	static List<List<String>> cycles(Map<String, Set<String>> graph) {
		return new Tarjan(graph).run();
	}

	/** For each pair of packages in a cycle: how many classes use the other package, and one example. */
	static List<String> usesWithin(List<List<String>> cycles, Map<String, Set<String>> references, Function<String, String> packageOf) {
		Map<String, List<String>> byPair = new TreeMap<>();
		for (List<String> cycle : cycles)
			references.forEach((from, tos) -> {
				String a = packageOf.apply(from);
				if (!cycle.contains(a)) return;
				for (String to : tos) {
					String b = packageOf.apply(to);
					if (b != null && !b.equals(a) && cycle.contains(b)) byPair.computeIfAbsent(a + " -> " + b, k -> new ArrayList<>()).add(from + " -> " + to);
				}
			});
		List<String> out = new ArrayList<>();
		byPair.forEach((pair, uses) -> out.add(pair + ": " + uses.size() + " uses, e.g. " + uses.get(0)));
		return out;
	}

	private static final class Tarjan {
		private final Map<String, Set<String>> graph;
		private final Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
		private final Deque<String> stack = new ArrayDeque<>();
		private final List<List<String>> cycles = new ArrayList<>();

		Tarjan(Map<String, Set<String>> graph) { this.graph = graph; }

		List<List<String>> run() {
			for (String v : graph.keySet()) if (!index.containsKey(v)) visit(v);
			return cycles;
		}

		private void visit(String v) {
			index.put(v, index.size());
			low.put(v, index.get(v));
			stack.push(v);
			for (String w : graph.getOrDefault(v, Set.of())) {
				if (!index.containsKey(w)) {
					visit(w);
					low.put(v, Math.min(low.get(v), low.get(w)));
				} else if (stack.contains(w)) low.put(v, Math.min(low.get(v), index.get(w)));
			}
			if (!low.get(v).equals(index.get(v))) return;
			List<String> part = new ArrayList<>();
			String w;
			do { w = stack.pop(); part.add(w); } while (!w.equals(v));
			if (part.size() > 1) cycles.add(part);
		}
	}
}
