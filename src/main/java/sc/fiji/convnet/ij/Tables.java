package sc.fiji.convnet.ij;

import java.util.List;

import java.nio.charset.StandardCharsets;

import ij.measure.ResultsTable;

/**
 * A ResultsTable as CSV bytes, to be written with {@link sc.fiji.convnet.io.AtomicFiles} (ImageJ's own
 * {@code ResultsTable.save} reports success on a full disk). Row labels become a first {@code Label} column;
 * whole numbers are written without decimals, others with the given number of decimals; text is quoted when it
 * holds a comma, a quote or a line break.
 */
public final class Tables {

	private Tables() {}

	public static byte[] csv(ResultsTable t, int decimals) {
		StringBuilder sb = new StringBuilder();
		boolean labels = t.size() > 0 && t.getLabel(0) != null && !t.columnExists("Label");
		String[] headings = t.getHeadings();
		boolean first = true;
		if (labels) { sb.append("Label"); first = false; }
		for (String h : headings) {
			if (h.equals(" ") || labels && h.equals("Label")) continue;
			if (!first) sb.append(',');
			sb.append(quote(h));
			first = false;
		}
		sb.append('\n');
		for (int r = 0; r < t.size(); r++) {
			first = true;
			if (labels) { sb.append(quote(t.getLabel(r))); first = false; }
			for (String h : headings) {
				if (h.equals(" ") || labels && h.equals("Label")) continue;
				if (!first) sb.append(',');
				sb.append(cell(t, h, r, decimals));
				first = false;
			}
			sb.append('\n');
		}
		return sb.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String cell(ResultsTable t, String column, int row, int decimals) {
		double v = t.getValue(column, row);
		if (Double.isNaN(v)) {
			String s = t.getStringValue(column, row);
			return s == null ? "NaN" : quote(s);
		}
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
		return ResultsTable.d2s(v, decimals);
	}

	static String quote(String s) {
		if (s == null) return "";
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}

	/** The fields of one line of a CSV written by {@link #csv}, unquoted. */
	static List<String> splitCsvLine(String line) { return sc.fiji.convnet.io.Csv.split(line); }
}
