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

	/**
	 * The options of a command spec ({@code --key}, old names accepted and stored under the key) plus the command
	 * line's own valued options and flags; {@code --help} is always a flag.
	 */
	public static Options of(String[] args, sc.fiji.convnet.request.Spec spec, java.util.Set<String> valued, java.util.Set<String> flags) {
		java.util.Set<String> v = new java.util.HashSet<>(valued), f = new java.util.HashSet<>(flags);
		f.add("help");
		for (sc.fiji.convnet.request.Option o : spec.options()) {
			(o.isFlag() ? f : v).add(o.key());
			(o.isFlag() ? f : v).addAll(o.aliases());
		}
		Options parsed = new Options(args, 1, v, f);
		Map<String, String> canonical = new LinkedHashMap<>();
		parsed.values.forEach((name, value) -> {
			sc.fiji.convnet.request.Option o = spec.find(name);
			canonical.put(o == null ? name : o.key(), value);
		});
		parsed.values.clear();
		parsed.values.putAll(canonical);
		return parsed;
	}

	/** The spec's values: its defaults, overridden by what was given on the command line; a bad value is a usage error. */
	public sc.fiji.convnet.request.Values values(sc.fiji.convnet.request.Spec spec) {
		sc.fiji.convnet.request.Values v = spec.defaults();
		values.forEach((name, value) -> {
			if (spec.find(name) != null) v.set(name, value);
		});
		return v;
	}

	/** Builds a request, reporting a value it refuses as a usage error (exit code 2). */
	public static <R> R request(java.util.function.Supplier<R> build) {
		try {
			return build.get();
		} catch (IllegalArgumentException e) {
			throw new UsageException(e.getMessage());
		}
	}

	public String get(String name, String fallback) { return values.getOrDefault(name, fallback); }

	/** The names of the options given (canonical keys). */
	public java.util.Set<String> names() { return java.util.Collections.unmodifiableSet(values.keySet()); }

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
