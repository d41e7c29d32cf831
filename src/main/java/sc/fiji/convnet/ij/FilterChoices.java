package sc.fiji.convnet.ij;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import sc.fiji.convnet.filters.OutputSize;
import sc.fiji.convnet.engine.kernels.PaddingMode;
import sc.fiji.convnet.filters.Pooling;
import sc.fiji.convnet.filters.Upsampling;

/**
 * The words that dialogs, macros and scripts use for the filters' options ("replicate", "valid", "max",
 * "bilinear", ...) and their enums. One place, so that every entry point accepts the same words and a
 * misspelt one gets the same message listing the valid ones.
 */
public final class FilterChoices {

	private FilterChoices() {}

	/** The dialog's choices for an enum: its constants in lower case. */
	public static String[] words(Class<? extends Enum<?>> type) {
		return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
	}

	public static PaddingMode padding(String word) { return parse(PaddingMode.class, word, "padding"); }
	public static OutputSize outputSize(String word) { return parse(OutputSize.class, word, "output size"); }
	public static Pooling.Mode poolMode(String word) { return parse(Pooling.Mode.class, word, "pooling method"); }
	public static Upsampling.Method upsampleMethod(String word) { return parse(Upsampling.Method.class, word, "up-sampling method"); }
	public static EdgeOutput edgeOutput(String word) { return parse(EdgeOutput.class, word, "edge output"); }

	/** The constant named {@code word} (case and surrounding blanks ignored). */
	public static <E extends Enum<E>> E parse(Class<E> type, String word, String what) {
		String w = word == null ? "" : word.trim().toUpperCase(Locale.ROOT);
		for (E e : type.getEnumConstants())
			if (e.name().equals(w)) return e;
		throw new IllegalArgumentException("unknown " + what + " '" + word + "'; use one of "
				+ Arrays.stream(words(type)).collect(Collectors.joining(", ")));
	}
}
