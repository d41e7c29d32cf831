package sc.fiji.convnet.model;

/** The kinds of axes bioimage.io knows. */
public enum AxisType {
	BATCH, CHANNEL, INDEX, TIME, SPACE;

	/** The 0.5 default id of an axis of this type ("x" for space). */
	public String defaultId() {
		return switch (this) {
		case BATCH -> "batch";
		case CHANNEL -> "channel";
		case INDEX -> "index";
		case TIME -> "time";
		case SPACE -> "x";
		};
	}

	public static AxisType parse(String s, String where) {
		try {
			return valueOf(s.trim().toUpperCase());
		} catch (IllegalArgumentException e) {
			throw new ModelFormatException(where + ": unknown axis type '" + s + "' (batch, channel, index, time or space)");
		}
	}
}
