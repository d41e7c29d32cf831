package sc.fiji.convnet.explain;

import java.util.List;

import sc.fiji.convnet.model.ModelFiles;

/**
 * The class index a user means: "top", a number, or a class name from the model's description
 * ({@code config: convnet: classes:}, in output order; see {@link ModelFiles#classes()}). Lets "--class WBC" stand
 * for the class's index.
 */
public final class ClassNames {

	private ClassNames() {}

	/**
	 * The class index {@code spec} stands for: "top" is −1, a number is itself, a name is its position in the
	 * model's class list.
	 */
	public static int resolve(ModelFiles model, String spec) {
		String s = spec.strip();
		if (s.equalsIgnoreCase("top")) return -1;
		try {
			int k = Integer.parseInt(s);
			if (k < 0) throw new IllegalArgumentException("class index " + k + " is negative");
			return k;
		} catch (NumberFormatException notANumber) {
			List<String> names = model.classes();
			if (names.isEmpty())
				throw new IllegalArgumentException("class '" + s + "' is not a number, and " + model.source() + " has no " + ModelFiles.COMPANION
						+ " listing class names (config: convnet: classes)");
			int k = names.indexOf(s);
			if (k < 0) for (int i = 0; i < names.size() && k < 0; i++) if (names.get(i).equalsIgnoreCase(s)) k = i;
			if (k < 0) throw new IllegalArgumentException("class '" + s + "' is not one of " + model.source() + "'s classes " + names);
			return k;
		}
	}
}
