package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.menu.MenuService;
import org.scijava.menu.ShadowMenu;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Plugin;

/** Fiji's Plugins › ConvNet (SciJava menus, sorted by weight) is in the order of plugins.config: Segment Nuclei first, the submenus last. */
class MenuOrderTest {

	private static final Pattern ENTRY = Pattern.compile("^Plugins>ConvNet(?:>([^,]+))?, \"([^\"]+)\"");

	/** Menu → its entries in plugins.config order ("" = Plugins › ConvNet itself, where each submenu appears once). */
	static Map<String, List<String>> pluginsConfig() throws Exception {
		Map<String, List<String>> menus = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of("plugins.config"))) {
			Matcher m = ENTRY.matcher(line);
			if (!m.find() || m.group(2).equals("-")) continue;
			String sub = m.group(1) == null ? "" : m.group(1);
			if (!sub.isEmpty() && !menus.get("").contains(sub)) menus.get("").add(sub);
			menus.computeIfAbsent(sub, k -> new ArrayList<>()).add(m.group(2));
		}
		return menus;
	}

	private static List<String> labels(ShadowMenu menu) {
		return menu.getChildren().stream().map(ShadowMenu::getName).toList();
	}

	@Test
	void sciJavaMenusFollowPluginsConfig() throws Exception {
		Map<String, List<String>> expected = pluginsConfig();
		assertEquals("Segment Nuclei", expected.get("").get(0));
		assertEquals(List.of("Filters", "Explain"), expected.get("").subList(expected.get("").size() - 2, expected.get("").size()));
		Context context = new Context(CommandService.class, MenuService.class);
		try {
			ShadowMenu convnet = context.service(MenuService.class).getMenu().getMenu("Plugins>ConvNet");
			assertEquals(expected.get(""), labels(convnet));
			for (String sub : List.of("Filters", "Explain")) assertEquals(expected.get(sub), labels(convnet.getMenu(sub)), sub);
		} finally {
			context.dispose();
		}
	}

	@Test
	void menuEntriesSayWhatMenuPathSaysAndEveryCommandIsDescribed() throws Exception {
		for (Class<?> c : MacroKeyParityTest.sciJavaCommands()) {
			Plugin p = c.getAnnotation(Plugin.class);
			List<String> labels = new ArrayList<>();
			for (Menu m : p.menu()) labels.add(m.label());
			assertEquals(p.menuPath(), String.join(">", labels), c.getSimpleName());
			assertFalse(p.description().isBlank(), c.getSimpleName() + " has a description (Fiji's help for a SciJava command)");
		}
	}
}
