package sc.fiji.convnet.io;

import java.util.ArrayList;
import java.util.List;

/** One line of a CSV file (RFC 4180 quoting: a field in double quotes may hold commas and doubled quotes). */
public final class Csv {

	private Csv() {}

	/** The fields of one line, unquoted. */
	public static List<String> split(String line) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
				else if (c == '"') quoted = false;
				else cur.append(c);
			} else if (c == '"') quoted = true;
			else if (c == ',') { out.add(cur.toString()); cur.setLength(0); }
			else cur.append(c);
		}
		out.add(cur.toString());
		return out;
	}
}
