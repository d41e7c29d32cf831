package sc.fiji.convnet.request;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a command's options as text, starting from the defaults of its {@link Spec}: what a dialog, a
 * macro, the command line or a script typed. Unknown names are errors; aliases set their option.
 */
public final class Values {

	private final Spec spec;
	private final Map<String, String> values = new LinkedHashMap<>();

	Values(Spec spec) {
		this.spec = spec;
		for (Option o : spec.options()) values.put(o.key(), o.defaultValue());
	}

	public Spec spec() { return spec; }

	/** Sets an option by its key or an alias; returns this. */
	public Values set(String name, Object value) {
		Option o = spec.option(name);
		values.put(o.key(), value == null ? "" : value instanceof Double d ? Option.format(d) : String.valueOf(value));
		return this;
	}

	public boolean has(String name) { return spec.find(name) != null; }

	public String text(String key) { return values.get(spec.option(key).key()); }

	public double number(String key) {
		String v = text(key).trim();
		try {
			return Double.parseDouble(v);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(spec.command() + ": " + key + " expects a number, got '" + v + "'");
		}
	}

	public int integer(String key) {
		double v = number(key);
		if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw new IllegalArgumentException(spec.command() + ": " + key + " expects a whole number, got '" + text(key) + "'");
		return (int) v;
	}

	public boolean flag(String key) { return Boolean.parseBoolean(text(key).trim()); }

	public Map<String, String> asMap() { return Map.copyOf(values); }

	/** The options that differ from their defaults as command-line arguments ({@code --key value}, {@code --flag}), for records and logs. */
	public String arguments() {
		StringBuilder b = new StringBuilder();
		for (Option o : spec.options()) {
			String v = values.get(o.key());
			if (v.equals(o.defaultValue()) || o.isNumeric() && !v.isBlank() && Double.parseDouble(v) == o.defaultNumber()) continue;
			if (o.isFlag()) b.append(b.length() > 0 ? " " : "").append(Boolean.parseBoolean(v) ? o.cli() : o.cli() + "=false");
			else b.append(b.length() > 0 ? " " : "").append(o.cli()).append(' ').append(v.matches("[\\w./:,@+-]+") ? v : "'" + v.replace("'", "'\\''") + "'");
		}
		return b.toString();
	}

	@Override
	public String toString() { return spec.command() + " " + values; }
}
