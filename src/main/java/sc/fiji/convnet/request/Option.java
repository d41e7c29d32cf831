package sc.fiji.convnet.request;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import sc.fiji.convnet.model.ModelTask;

/**
 * One option of a command: its one name ({@link #key}), the label a dialog shows, its kind, its default, the
 * choices of a choice, and the old names still accepted (aliases).
 * <p>
 * The naming rule: the key is one lower-case word (letters and digits) that is at the same time
 * <ul>
 * <li>the ImageJ macro key, i.e. the first word of the ImageJ 1.x dialog label, lower-cased (which the
 * constructor checks, so a dialog generated from the option records the key),</li>
 * <li>the name of the SciJava {@code @Parameter} field (imagej-legacy fills fields from a macro by name),</li>
 * <li>the command-line option {@code --key}.</li>
 * </ul>
 */
public record Option(String key, String label, Kind kind, String defaultValue, List<String> choices, List<String> aliases, String help, ModelTask models,
		String layerOf) {

	/** What kind of value an option holds, which decides its dialog widget and how its text is parsed. */
	public enum Kind { TEXT, TEXT_AREA, FILE, FOLDER, INTEGER, NUMBER, FLAG, CHOICE, IMAGE }

	private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class",
			"const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
			"implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected", "public",
			"return", "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
			"volatile", "while", "true", "false", "null", "var", "record", "yield");

	public Option {
		if (key == null || !key.matches("[a-z][a-z0-9]*") || JAVA_KEYWORDS.contains(key))
			throw new IllegalArgumentException("option key '" + key + "' is not one lower-case word usable as a Java field name");
		if (kind != Kind.TEXT_AREA && !key.equals(macroKey(label)))
			throw new IllegalArgumentException("option '" + key + "': ImageJ 1.x would record the label '" + label + "' as '" + macroKey(label) + "='");
		choices = choices == null ? List.of() : List.copyOf(choices);
		aliases = aliases == null ? List.of() : List.copyOf(aliases);
		if (kind == Kind.CHOICE && !choices.contains(defaultValue))
			throw new IllegalArgumentException("option '" + key + "': default '" + defaultValue + "' is not one of " + choices);
		help = help == null ? label : help;
	}

	/** The macro key ImageJ 1.x derives from a dialog label: the first word, up to a blank or colon, lower-cased ({@code Macro.trimKey}). */
	public static String macroKey(String label) {
		String k = label == null ? "" : label;
		int blank = k.indexOf(' ');
		if (blank >= 0) k = k.substring(0, blank);
		int colon = k.indexOf(':');
		if (colon >= 0) k = k.substring(0, colon);
		return k.toLowerCase(Locale.US);
	}

	public static Option text(String key, String label, String defaultValue) { return new Option(key, label, Kind.TEXT, defaultValue, null, null, null, null, null); }

	public static Option file(String key, String label, String defaultValue) { return new Option(key, label, Kind.FILE, defaultValue, null, null, null, null, null); }

	public static Option folder(String key, String label) { return new Option(key, label, Kind.FOLDER, "", null, null, null, null, null); }

	public static Option integer(String key, String label, int defaultValue) {
		return new Option(key, label, Kind.INTEGER, String.valueOf(defaultValue), null, null, null, null, null);
	}

	public static Option number(String key, String label, double defaultValue) {
		return new Option(key, label, Kind.NUMBER, format(defaultValue), null, null, null, null, null);
	}

	public static Option flag(String key, String label, boolean defaultValue) {
		return new Option(key, label, Kind.FLAG, String.valueOf(defaultValue), null, null, null, null, null);
	}

	public static Option choice(String key, String label, String defaultValue, List<String> choices) {
		return new Option(key, label, Kind.CHOICE, defaultValue, choices, null, null, null, null);
	}

	public static Option image(String key, String label) { return new Option(key, label, Kind.IMAGE, "", null, null, null, null, null); }

	/** A text area (ImageJ 1.x records the first one as {@code text1=}, whatever its label). */
	public static Option textArea(String key, String label, String defaultValue) {
		return new Option(key, label, Kind.TEXT_AREA, defaultValue, null, null, null, null, null);
	}

	/** This option with old names that are still accepted (macro keys and command-line options). */
	public Option aliases(String... old) { return new Option(key, label, kind, defaultValue, choices, List.of(old), help, models, layerOf); }

	/** This option with a longer explanation for the command line's help. */
	public Option help(String text) { return new Option(key, label, kind, defaultValue, choices, aliases, text, models, layerOf); }

	/**
	 * This option naming a model of {@code task}: dialogs offer the task's shipped and installed models as a list
	 * ({@link ModelChoices}), while any name or path stays a valid value (macros, command line).
	 */
	public Option models(ModelTask task) { return new Option(key, label, kind, defaultValue, choices, aliases, help, task, layerOf); }

	/**
	 * This option naming a layer of the network that option {@code modelKey} names: interactive dialogs offer that
	 * network's layers as a list, the last convolution preselected; any layer name stays a valid value (macros,
	 * command line), and empty means the last convolution.
	 */
	public Option layerOf(String modelKey) { return new Option(key, label, kind, defaultValue, choices, aliases, help, models, modelKey); }

	/** The command-line option, {@code --key}. */
	public String cli() { return "--" + key; }

	public boolean isFlag() { return kind == Kind.FLAG; }

	public boolean isNumeric() { return kind == Kind.INTEGER || kind == Kind.NUMBER; }

	/** The default as a number (for numeric options). */
	public double defaultNumber() { return Double.parseDouble(defaultValue); }

	static String format(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
	}
}
