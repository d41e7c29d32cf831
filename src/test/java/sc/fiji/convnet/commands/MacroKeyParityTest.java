package sc.fiji.convnet.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.Option;
import sc.fiji.convnet.request.Spec;

/**
 * One name per option: the SciJava field names (which imagej-legacy fills from a macro's keys), the ImageJ 1.x
 * dialog keys (first word of each label) and the keys of the macro lines in README.md and macros/*.ijm are all the
 * keys of the command's {@link Spec}, so the same macro line works in plain ImageJ 1.x and in Fiji.
 */
class MacroKeyParityTest {

	private static final Path MAIN = Path.of("src/main/java/sc/fiji/convnet/commands");

	/** Menu label → ImageJ 1.x plugin class, from plugins.config. */
	static Map<String, String> ij1Plugins() throws IOException {
		Map<String, String> m = new LinkedHashMap<>();
		Matcher x = Pattern.compile("(?m)^Plugins>[^,]*,\\s*\"([^\"]+)\",\\s*([\\w.]+)").matcher(Files.readString(Path.of("plugins.config")));
		while (x.find()) m.put(x.group(1), x.group(2));
		return m;
	}

	/** Every SciJava command class of the commands package. */
	static List<Class<?>> sciJavaCommands() throws Exception {
		List<Class<?>> c = new ArrayList<>();
		try (Stream<Path> files = Files.list(MAIN)) {
			for (Path f : files.filter(p -> p.toString().endsWith("Command.java")).sorted().toList()) {
				Class<?> k = Class.forName("sc.fiji.convnet.commands." + f.getFileName().toString().replace(".java", ""));
				if (Command.class.isAssignableFrom(k) && k.isAnnotationPresent(Plugin.class)) c.add(k);
			}
		}
		return c;
	}

	/** The macro-fillable inputs: @Parameter fields that are not outputs, services or the current image. */
	static Set<String> sciJavaKeys(Class<?> command) {
		Set<String> keys = new TreeSet<>();
		for (Class<?> k = command; k != null && k != Object.class; k = k.getSuperclass()) for (Field f : k.getDeclaredFields()) {
			Parameter p = f.getAnnotation(Parameter.class);
			if (p == null || p.type() == ItemIO.OUTPUT || org.scijava.service.Service.class.isAssignableFrom(f.getType()) || f.getType() == org.scijava.Context.class) continue;
			if (f.getType() == ImagePlus.class && f.getName().equals("image")) continue;
			keys.add(f.getName());
		}
		return keys;
	}

	static String menuLabel(Class<?> command) {
		String path = command.getAnnotation(Plugin.class).menuPath();
		return path.substring(path.lastIndexOf('>') + 1);
	}

	@Test
	void everyMenuCommandHasASpecAndBothFrontEnds() throws Exception {
		Set<String> sciJava = new TreeSet<>(), ij1 = new TreeSet<>(ij1Plugins().keySet());
		for (Class<?> c : sciJavaCommands()) sciJava.add(menuLabel(c));
		assertEquals(ij1, sciJava, "every ImageJ 1.x entry has a SciJava command of the same label and vice versa");
		assertEquals(new TreeSet<>(CommandSpecs.all().keySet()), ij1, "every command has a spec");
	}

	@Test
	void sciJavaFieldNamesAreTheMacroKeys() throws Exception {
		List<String> problems = new ArrayList<>();
		for (Class<?> c : sciJavaCommands()) {
			Spec spec = CommandSpecs.of(menuLabel(c));
			Set<String> expected = new TreeSet<>(spec.keys()), actual = sciJavaKeys(c);
			if (!expected.equals(actual)) problems.add(c.getSimpleName() + ": fields " + actual + ", macro keys " + expected);
		}
		assertTrue(problems.isEmpty(), String.join("\n", problems));
	}

	private static final Pattern DIALOG_FIELD = Pattern.compile(
			"\\.add(StringField|NumericField|Checkbox|Choice|FileField|DirectoryField|Slider|ImageChoice|TextAreas)\\(\\s*(\"([^\"]*)\")?");

	/**
	 * The keys an ImageJ 1.x dialog records: generated from the command's spec ({@code SpecDialog} with
	 * {@code CommandSpecs}), else the first word of each literal label in the plugin's source (and of the settings
	 * classes it fills the dialog from); the first text area is {@code text1}.
	 */
	static Set<String> ij1Keys(String label, String className) throws IOException {
		String simple = className.substring(className.lastIndexOf('.') + 1);
		String source = Files.readString(MAIN.resolve("ij1").resolve(simple + ".java"));
		if (source.contains("SpecDialog.show(CommandSpecs.") || source.contains("FilterRun.ask(CommandSpecs.") || source.contains("SpecDialog.add(gd, CommandSpecs.")) {
			return new TreeSet<>(CommandSpecs.of(label).keys());
		}
		StringBuilder all = new StringBuilder(source);
		for (String helper : List.of("ConvolveSettings", "GaborSettings"))
			if (source.contains(helper)) all.append(Files.readString(MAIN.resolve(helper + ".java")));
		Set<String> keys = new TreeSet<>();
		Matcher m = DIALOG_FIELD.matcher(all);
		while (m.find()) {
			if (m.group(1).equals("TextAreas")) keys.add("text1");
			else if (m.group(3) != null) keys.add(Option.macroKey(m.group(3)));
			else throw new AssertionError(simple + ": a dialog label that is not a literal: " + m.group());
		}
		return keys;
	}

	@Test
	void imageJ1DialogKeysAreTheSpecKeys() throws Exception {
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, String> e : ij1Plugins().entrySet()) {
			Set<String> expected = new TreeSet<>(CommandSpecs.of(e.getKey()).keys()), actual = ij1Keys(e.getKey(), e.getValue());
			if (!expected.equals(actual)) problems.add(e.getKey() + ": dialog keys " + actual + ", spec keys " + expected);
		}
		assertTrue(problems.isEmpty(), String.join("\n", problems));
	}

	/** {@code run("Command", options)} calls of a macro text, with the keys their options use. */
	static Map<String, List<Set<String>>> macroCalls(String text) {
		Map<String, List<Set<String>>> calls = new LinkedHashMap<>();
		Matcher run = Pattern.compile("run\\(\"([^\"]+)\"\\s*(?:,\\s*([^;]*))?\\);").matcher(text);
		while (run.find()) {
			String expression = run.group(2) == null ? "\"\"" : run.group(2).strip();
			if (expression.matches("\\w+")) expression = assignments(text, expression);
			calls.computeIfAbsent(run.group(1), k -> new ArrayList<>()).add(keys(literalText(expression)));
		}
		return calls;
	}

	/** Every expression assigned to a variable ({@code options = "..." + x + "...";}), joined. */
	private static String assignments(String text, String variable) {
		StringBuilder b = new StringBuilder();
		Matcher m = Pattern.compile("(?s)\\b" + variable + "\\s*=\\s*(.*?);").matcher(text);
		while (m.find()) b.append(m.group(1).replace(variable + " +", "")).append(" + ");
		return b.toString();
	}

	/** The string literals of an expression concatenated, every non-literal part standing as the value X. */
	private static String literalText(String expression) {
		StringBuilder b = new StringBuilder();
		Matcher lit = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(expression);
		int last = 0;
		while (lit.find()) {
			if (!expression.substring(last, lit.start()).replaceAll("[+\\s]", "").isEmpty()) b.append('X');
			b.append(lit.group(1));
			last = lit.end();
		}
		return b.toString();
	}

	/** The keys of ImageJ macro options: {@code key=value}, {@code key=[value with blanks]} and bare flags. */
	static Set<String> keys(String options) {
		String flat = options.replaceAll("\\[[^\\]]*\\]", "X");
		Set<String> keys = new TreeSet<>();
		for (String token : flat.trim().split("\\s+")) {
			if (token.isEmpty()) continue;
			int eq = token.indexOf('=');
			keys.add(eq < 0 ? token : token.substring(0, eq));
		}
		return keys;
	}

	@Test
	void macroLinesOfTheReadmeAndMacrosUseOnlyKnownKeys() throws Exception {
		List<Path> sources = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> macros = Files.list(Path.of("macros"))) {
			macros.filter(p -> p.toString().endsWith(".ijm")).sorted().forEach(sources::add);
		}
		Set<String> ours = ij1Plugins().keySet();
		List<String> problems = new ArrayList<>();
		int checked = 0;
		for (Path source : sources) {
			for (Map.Entry<String, List<Set<String>>> call : macroCalls(Files.readString(source)).entrySet()) {
				if (!ours.contains(call.getKey())) continue;
				Set<String> known = new TreeSet<>(CommandSpecs.of(call.getKey()).keys());
				for (Set<String> used : call.getValue()) {
					checked++;
					Set<String> unknown = new TreeSet<>(used);
					unknown.removeAll(known);
					if (!unknown.isEmpty()) problems.add(source + ": run(\"" + call.getKey() + "\") uses " + unknown + "; its keys are " + known);
				}
			}
		}
		assertTrue(checked >= 20, "found only " + checked + " macro calls");
		assertTrue(problems.isEmpty(), String.join("\n", problems));
	}

	@Test
	void theMacroLineParserReadsBracketsFlagsAndConcatenation() {
		assertEquals(Set.of("model", "decoder", "add"), keys("model=a decoder=[from model] add"));
		Map<String, List<Set<String>>> calls = macroCalls("options = \"input=[\" + input + \"] file=[\" + f + \"]\" + \" seed=0.7\";\n"
				+ "if (o) options = options + \" overwrite\";\nrun(\"Batch Segment Nuclei\", options);");
		assertEquals(List.of(Set.of("input", "file", "seed", "overwrite")), calls.get("Batch Segment Nuclei"));
		assertFalse(macroCalls("run(\"Diagnostics\");").get("Diagnostics").get(0).iterator().hasNext());
	}
}
