package sc.fiji.convnet.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code --name value} and {@code --flag} arguments; unknown or malformed options are errors. */
public final class Options {

	private final Map<String, String> values = new LinkedHashMap<>();

	public Options(String[] args, int from, java.util.Set<String> valued, java.util.Set<String> flags) {
		for (int i = from; i < args.length; i++) {
			String a = args[i];
			if (!a.startsWith("--")) throw new UsageException("unexpected argument '" + a + "'");
			String name = a.substring(2), value = null;
			int eq = name.indexOf('=');
			if (eq >= 0) { value = name.substring(eq + 1); name = name.substring(0, eq); }
			if (flags.contains(name)) {
				values.put(name, value == null ? "true" : value);
			} else if (valued.contains(name)) {
				if (value == null) {
					if (i + 1 >= args.length) throw new UsageException("option --" + name + " needs a value");
					value = args[++i];
				}
				values.put(name, value);
			} else throw new UsageException("unknown option --" + name);
		}
	}

	public String get(String name, String fallback) { return values.getOrDefault(name, fallback); }

	public String require(String name) {
		String v = values.get(name);
		if (v == null) throw new UsageException("option --" + name + " is required");
		return v;
	}

	public boolean flag(String name) { return Boolean.parseBoolean(values.getOrDefault(name, "false")); }

	public double number(String name, double fallback) {
		String v = values.get(name);
		if (v == null) return fallback;
		try { return Double.parseDouble(v); } catch (NumberFormatException e) { throw new UsageException("--" + name + " expects a number, got '" + v + "'"); }
	}

	public int integer(String name, int fallback) {
		String v = values.get(name);
		if (v == null) return fallback;
		try { return Integer.parseInt(v); } catch (NumberFormatException e) { throw new UsageException("--" + name + " expects a whole number, got '" + v + "'"); }
	}

	public static final class UsageException extends RuntimeException {
		private static final long serialVersionUID = 1L;
		public UsageException(String message) { super(message); }
	}
}
