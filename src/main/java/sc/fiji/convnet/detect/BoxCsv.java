package sc.fiji.convnet.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The box CSV contract: header {@code class,score,x,y,width,height}, one box a line, pixels, (x, y) the
 * top-left corner. The reader finds the columns by name (any order, case-insensitive, extra columns ignored).
 */
public final class BoxCsv {

	public static final String HEADER = "class,score,x,y,width,height";
	public static final String SUFFIX = "_boxes.csv";

	private BoxCsv() {}

	public static String format(List<Box> boxes) { return format(boxes, null, null); }

	/**
	 * The boxes of an image with several planes: each box's slice and frame (1-based, parallel to {@code boxes}) in two
	 * more columns, which readers of the six columns above ignore; null arrays: the six columns alone.
	 */
	public static String format(List<Box> boxes, int[] slices, int[] frames) {
		boolean planes = slices != null && frames != null;
		if (planes && (slices.length != boxes.size() || frames.length != boxes.size()))
			throw new IllegalArgumentException("Box CSV: " + boxes.size() + " boxes but " + slices.length + " slices and " + frames.length + " frames");
		StringBuilder sb = new StringBuilder(HEADER).append(planes ? ",slice,frame" : "").append('\n');
		for (int i = 0; i < boxes.size(); i++) {
			Box b = boxes.get(i);
			String name = b.label();
			if (name.contains(",") || name.contains("\"")) name = '"' + name.replace("\"", "\"\"") + '"';
			sb.append(String.format(Locale.ROOT, "%s,%.6f,%.3f,%.3f,%.3f,%.3f", name, b.score(), b.x(), b.y(), b.width(), b.height()));
			if (planes) sb.append(',').append(slices[i]).append(',').append(frames[i]);
			sb.append('\n');
		}
		return sb.toString();
	}

	public static void write(Path file, List<Box> boxes) throws IOException {
		byte[] bytes = format(boxes).getBytes(StandardCharsets.UTF_8);
		sc.fiji.convnet.io.AtomicFiles.write(file, bytes); // complete or absent
	}

	public static List<Box> read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		if (lines.isEmpty()) throw new IOException("Box CSV " + file + ": empty file, expected the header " + HEADER);
		List<String> header = split(lines.get(0).replace("\uFEFF", ""));
		String[] need = { "class", "score", "x", "y", "width", "height" };
		int[] col = new int[need.length];
		for (int k = 0; k < need.length; k++) {
			col[k] = -1;
			for (int i = 0; i < header.size(); i++) if (header.get(i).trim().equalsIgnoreCase(need[k])) col[k] = i;
			if (col[k] < 0) throw new IOException("Box CSV " + file + ": no column '" + need[k] + "' in header " + header + " (expected " + HEADER + ")");
		}
		List<Box> boxes = new ArrayList<>();
		for (int n = 1; n < lines.size(); n++) {
			if (lines.get(n).isBlank()) continue;
			List<String> f = split(lines.get(n));
			try {
				boxes.add(new Box(f.get(col[0]).trim(), d(f.get(col[1])), d(f.get(col[2])), d(f.get(col[3])), d(f.get(col[4])), d(f.get(col[5]))));
			} catch (IndexOutOfBoundsException | IllegalArgumentException e) {
				throw new IOException("Box CSV " + file + ", line " + (n + 1) + ": " + e.getMessage(), e);
			}
		}
		return boxes;
	}

	private static double d(String s) { return Double.parseDouble(s.trim()); }

	/** Splits one CSV line, honouring double quotes. */
	static List<String> split(String line) { return sc.fiji.convnet.io.Csv.split(line); }
}
