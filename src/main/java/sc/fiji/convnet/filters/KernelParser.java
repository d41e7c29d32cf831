package sc.fiji.convnet.filters;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a kernel typed as text ({@code sc.fiji.convnet.ij.KernelImages} reads one drawn as an image).
 * <p>
 * Text is ImageJ Convolver's format, slightly widened: one row per line (a newline or a {@code ;} ends a row),
 * numbers separated by spaces, tabs or commas. Blank rows are skipped, so a trailing newline is harmless.
 * For example {@code "-1 0 1\n-2 0 2\n-1 0 1"} or {@code "-1,0,1; -2,0,2; -1,0,1"}.
 * <p>
 * With {@code normalize} the weights are divided by their sum when the sum is not 0, as Convolver's
 * "Normalize kernel" does; kernels summing to 0 (edge detectors) are left alone.
 */
public final class KernelParser {

	private KernelParser() {}

	/** The kernel in {@code text}, as typed. */
	public static Kernel2D parse(String text) { return parse(text, false); }

	public static Kernel2D parse(String text, boolean normalize) {
		if (text == null || text.isBlank())
			throw new IllegalArgumentException("KernelParser: the kernel text is empty; type rows of numbers, e.g. \"1 2 1\\n2 4 2\\n1 2 1\"");
		List<float[]> rows = new ArrayList<>();
		String[] lines = text.split("\\r?\\n|\\r|;");
		int lineNo = 0;
		for (String line : lines) {
			lineNo++;
			String trimmed = line.trim();
			if (trimmed.isEmpty()) continue;
			String[] tokens = trimmed.split("[\\s,]+");
			float[] row = new float[tokens.length];
			for (int i = 0; i < tokens.length; i++) row[i] = number(tokens[i], lineNo, i + 1);
			if (!rows.isEmpty() && row.length != rows.get(0).length)
				throw new IllegalArgumentException("KernelParser: row " + (rows.size() + 1) + " (line " + lineNo + ") has "
						+ row.length + " values but the first row has " + rows.get(0).length + "; all rows must be equally long");
			rows.add(row);
		}
		if (rows.isEmpty())
			throw new IllegalArgumentException("KernelParser: the kernel text holds no numbers");
		Kernel2D k = Kernel2D.of(rows.toArray(new float[0][]));
		return normalize ? k.normalized() : k;
	}

	private static float number(String token, int line, int column) {
		try {
			float v = Float.parseFloat(token);
			if (!Float.isFinite(v)) throw new NumberFormatException();
			return v;
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("KernelParser: '" + token + "' in line " + line + ", column " + column
					+ " is not a finite number");
		}
	}
}
