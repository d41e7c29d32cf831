package sc.fiji.convnet.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The import rule of {@code shared/DESIGN.md}, checked on the compiled classes of {@code src/main}: which
 * libraries each layer may use, that no layer uses a higher one, and that the top-level packages form no cycle.
 */
class LayeringTest {

	private static final String ROOT = "sc.fiji.convnet.";

	/** Layer of each top-level package (the root package is the Jython facade); a package uses only its own layer or lower ones. */
	private static final Map<String, Integer> LAYER = Map.ofEntries(
			Map.entry("tensor", 1), Map.entry("engine", 1), Map.entry("io", 1),
			Map.entry("onnx", 2), Map.entry("model", 2), Map.entry("filters", 2),
			Map.entry("predict", 3), Map.entry("segment", 3), Map.entry("detect", 3), Map.entry("explain", 3), Map.entry("request", 3),
			Map.entry("ij", 4),
			Map.entry("commands", 5), Map.entry("cli", 5), Map.entry("", 5));

	private static final List<String> IMAGEJ = List.of("ij.", "net.imagej.", "org.scijava.");
	private static final List<String> DJL = List.of("ai.djl.");
	private static final Set<String> FRONT_ENDS = Set.of("commands", "cli");

	/**
	 * Known violations, each a class and exactly the classes it may still use against the rule; a new use fails.
	 * Remove an entry when its class is fixed (the test says so).
	 */
	private static final Map<String, Set<String>> ALLOWED = Map.of();

	/**
	 * Known uses that close a package cycle (each is allowed by the layers, the cycle is not), in the same form as
	 * {@link #ALLOWED}; remove an entry when its class is fixed (the test says so).
	 */
	private static final Map<String, Set<String>> CYCLES_ALLOWED = Map.of();

	@Test
	void everyLayerUsesOnlyWhatItMay() throws Exception {
		List<String> violations = new ArrayList<>();
		Set<String> allowanceUsed = new TreeSet<>();
		for (Map.Entry<String, Set<String>> e : CompiledClasses.references().entrySet()) {
			String from = e.getKey(), pkg = topPackage(from);
			Integer layer = LAYER.get(pkg);
			if (layer == null) {
				violations.add(from + ": package '" + pkg + "' has no layer in this test");
				continue;
			}
			for (String to : e.getValue()) {
				String why = forbidden(pkg, layer, to);
				if (why == null) continue;
				if (ALLOWED.getOrDefault(from, Set.of()).contains(to)) allowanceUsed.add(from + " -> " + to);
				else violations.add(from + " -> " + to + " (" + why + ")");
			}
		}
		assertEquals(List.of(), violations, "layering violations");
		Set<String> stale = new TreeSet<>();
		ALLOWED.forEach((c, uses) -> uses.forEach(u -> { if (!allowanceUsed.contains(c + " -> " + u)) stale.add(c + " -> " + u); }));
		assertEquals(Set.of(), stale, "allowances no longer needed: remove them from ALLOWED");
	}

	@Test
	void topLevelPackagesFormNoCycle() throws Exception {
		Map<String, Set<String>> all = CompiledClasses.references();
		Set<String> stale = new TreeSet<>();
		CYCLES_ALLOWED.forEach((c, uses) -> uses.forEach(u -> { if (!all.getOrDefault(c, Set.of()).contains(u)) stale.add(c + " -> " + u); }));
		assertEquals(Set.of(), stale, "cycle allowances no longer needed: remove them from CYCLES_ALLOWED");
		Map<String, Set<String>> refs = without(without(all, ALLOWED), CYCLES_ALLOWED);
		List<List<String>> cycles = PackageGraph.cycles(PackageGraph.of(refs, LayeringTest::topPackage));
		assertTrue(cycles.isEmpty(), "package cycles " + cycles + " through " + PackageGraph.usesWithin(cycles, refs, LayeringTest::topPackage));
	}

	private static Map<String, Set<String>> without(Map<String, Set<String>> references, Map<String, Set<String>> allowed) {
		Map<String, Set<String>> out = new TreeMap<>();
		references.forEach((from, tos) -> {
			Set<String> kept = new TreeSet<>(tos);
			kept.removeAll(allowed.getOrDefault(from, Set.of()));
			out.put(from, kept);
		});
		return out;
	}

	/** Why {@code pkg} (in {@code layer}) may not use class {@code to}, or null when it may. */
	private static String forbidden(String pkg, int layer, String to) {
		if (layer <= 3 && startsWithAny(to, IMAGEJ)) return "layers 1-3 use no ImageJ or SciJava";
		if (layer == 1 && startsWithAny(to, DJL)) return "tensor, engine and io use no DJL";
		if (!to.startsWith(ROOT) && !isRootPackageClass(to)) return null;
		String target = topPackage(to);
		if (FRONT_ENDS.contains(target) && !FRONT_ENDS.contains(pkg)) return "only commands and cli use commands and cli";
		Integer targetLayer = LAYER.get(target);
		if (targetLayer != null && targetLayer > layer) return "layer " + layer + " uses layer " + targetLayer + " (" + target + ")";
		return null;
	}

	private static boolean isRootPackageClass(String name) {
		return name.startsWith("sc.fiji.convnet") && name.lastIndexOf('.') == "sc.fiji.convnet".length();
	}

	/** The package below {@code sc.fiji.convnet} a class is in ({@code ""} for the root package), or null outside the plugin. */
	static String topPackage(String className) {
		if (isRootPackageClass(className)) return "";
		if (!className.startsWith(ROOT)) return null;
		String rest = className.substring(ROOT.length());
		return rest.substring(0, rest.indexOf('.'));
	}

	private static boolean startsWithAny(String s, List<String> prefixes) {
		for (String p : prefixes) if (s.startsWith(p)) return true;
		return false;
	}
}
