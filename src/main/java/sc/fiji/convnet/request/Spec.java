package sc.fiji.convnet.request;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options of one command (menu label) in dialog order; every front end reads its option names from here. */
public record Spec(String command, List<Option> options) {

	public Spec {
		options = List.copyOf(options);
		Map<String, Option> seen = new LinkedHashMap<>();
		for (Option o : options) {
			for (String name : names(o))
				if (seen.put(name, o) != null) throw new IllegalArgumentException(command + ": the option name '" + name + "' is used twice");
		}
	}

	public static Spec of(String command, Object... parts) {
		List<Option> all = new ArrayList<>();
		for (Object p : parts) {
			if (p instanceof Option o) all.add(o);
			else if (p instanceof Spec s) all.addAll(s.options());
			else if (p instanceof List<?> l) for (Object o : l) all.add((Option) o);
			else throw new IllegalArgumentException("Spec.of: " + p);
		}
		return new Spec(command, all);
	}

	private static List<String> names(Option o) {
		List<String> n = new ArrayList<>(List.of(o.key()));
		n.addAll(o.aliases());
		return n;
	}

	public List<String> keys() { return options.stream().map(Option::key).toList(); }

	/** The option of this key or of one of its aliases, or null. */
	public Option find(String name) {
		for (Option o : options) if (o.key().equals(name) || o.aliases().contains(name)) return o;
		return null;
	}

	public Option option(String key) {
		Option o = find(key);
		if (o == null) throw new IllegalArgumentException(command + " has no option '" + key + "' (options: " + keys() + ")");
		return o;
	}

	/** The same options without some (e.g. those a front end fills itself). */
	public Spec without(String... keys) {
		List<String> drop = Arrays.asList(keys);
		return new Spec(command, options.stream().filter(o -> !drop.contains(o.key())).toList());
	}

	/** A fresh set of values holding every default. */
	public Values defaults() { return new Values(this); }

	/** Help lines for the command line: {@code --key VALUE  help (default: …)}, aligned. */
	public String cliUsage() {
		StringBuilder b = new StringBuilder();
		for (Option o : options) {
			String left = "  " + o.cli() + (o.isFlag() ? "" : " " + placeholder(o));
			StringBuilder line = new StringBuilder(left);
			while (line.length() < 26) line.append(' ');
			line.append(' ').append(o.help());
			if (!o.isFlag() && !o.defaultValue().isEmpty()) line.append(" (default: ").append(o.defaultValue()).append(')');
			if (!o.choices().isEmpty()) line.append("; one of ").append(String.join(", ", o.choices()));
			b.append(line).append('\n');
		}
		return b.toString();
	}

	/**
	 * The help page of the command's ImageJ 1.x dialog (its Help button shows HTML text in ImageJ itself, so no web
	 * page is needed): each option's macro key, label, explanation, default and choices, and the macro line of the
	 * defaults.
	 */
	public String helpHtml() {
		StringBuilder b = new StringBuilder("<html><h2>").append(escape(command)).append("</h2>");
		if (options.isEmpty()) b.append("<p>This command has no options.</p>");
		else {
			b.append("<table border=1 cellpadding=3><tr><th>macro key</th><th>option</th><th>meaning</th><th>default</th></tr>");
			for (Option o : options) {
				b.append("<tr><td><tt>").append(o.kind() == Option.Kind.TEXT_AREA ? "text1" : o.key()).append("</tt></td><td>").append(escape(o.label()))
						.append("</td><td>").append(escape(o.help()));
				if (!o.choices().isEmpty()) b.append("; one of ").append(escape(String.join(", ", o.choices())));
				if (o.models() != null)
					b.append("; the dialog lists the shipped and installed ").append(o.models().name().toLowerCase(java.util.Locale.ROOT))
							.append(" models and <i>From file…</i>; a macro may give any model name or path");
				if (o.layerOf() != null)
					b.append("; the dialog lists the layers of the network <tt>").append(o.layerOf())
							.append("</tt> names, the last convolution preselected; a macro may give any layer name, empty for the last convolution");
				if (!o.aliases().isEmpty()) b.append(" (old keys still read: ").append(String.join(", ", o.aliases())).append(')');
				b.append("</td><td>").append(escape(o.defaultValue())).append("</td></tr>");
			}
			b.append("</table>");
		}
		b.append("<p>Macro: <tt>run(\"").append(escape(command)).append("\", \"").append(escape(macroDefaults())).append("\");</tt></p>");
		b.append("<p>More on this command: the README of ConvNet for Fiji, tables <i>Menu commands</i> and <i>ImageJ macros</i>.</p></html>");
		return b.toString();
	}

	/** The options' defaults as a macro's option string (flags that are on as bare keys, values with blanks in brackets). */
	private String macroDefaults() {
		List<String> parts = new ArrayList<>();
		for (Option o : options) {
			String key = o.kind() == Option.Kind.TEXT_AREA ? "text1" : o.key(), v = o.defaultValue();
			if (o.isFlag()) {
				if (Boolean.parseBoolean(v)) parts.add(key);
			} else if (o.kind() != Option.Kind.IMAGE) parts.add(key + "=" + (v.isEmpty() || v.contains(" ") || v.contains("\n") ? "[" + v + "]" : v));
		}
		return String.join(" ", parts);
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "\\n");
	}

	private static String placeholder(Option o) {
		return switch (o.kind()) {
			case INTEGER -> "N";
			case NUMBER -> "X";
			case FILE -> "PATH";
			case FOLDER -> "DIR";
			default -> "TEXT";
		};
	}
}
