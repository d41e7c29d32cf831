package sc.fiji.convnet.cli;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import sc.fiji.convnet.engine.optim.TrainingSettings;
import sc.fiji.convnet.request.Spec;
import sc.fiji.convnet.request.Values;

/**
 * The options every {@code train-*} command shares, read once into a {@link TrainingSettings};
 * their help lines print the defaults of the settings themselves, so help and behaviour agree.
 */
final class TrainingOptions {

	static final Set<String> KEYS = Set.of("data", "output", "seed", "steps", "minutes", "batch", "crop", "width", "lr", "eval-every", "ema");

	private TrainingOptions() {}

	/** The shared keys plus a command's own. */
	static Set<String> keysWith(String... own) {
		Set<String> keys = new HashSet<>(KEYS);
		keys.addAll(Set.of(own));
		return keys;
	}

	/**
	 * Whether a {@code train-*} command runs in its data set form ({@code --data}); then only {@code dataSetKeys} may be
	 * given, and without it none of the data set form's own options (those not in {@code spec}).
	 */
	static boolean dataSetForm(Options o, Spec spec, Set<String> dataSetKeys) {
		boolean data = o.get("data", null) != null;
		for (String name : o.names()) {
			if (name.equals("help")) continue;
			if (data && !dataSetKeys.contains(name)) throw new Options.UsageException("--" + name + " does not go with --data");
			if (!data && dataSetKeys.contains(name) && spec.find(name) == null) throw new Options.UsageException("--" + name + " goes with --data");
		}
		return data;
	}

	/** The values of a training request's spec from the command line; {@code --steps} alone means no time limit. */
	static Values values(Options o, Spec spec) {
		Values v = o.values(spec);
		if (o.get("steps", null) != null && o.get("minutes", null) == null) v.set("minutes", 0);
		return v;
	}

	static void read(Options o, TrainingSettings s) {
		s.seed = o.integer("seed", (int) s.seed);
		s.steps = o.integer("steps", s.steps);
		s.maxMinutes = o.number("minutes", s.maxMinutes);
		s.batch = o.integer("batch", s.batch);
		s.crop = o.integer("crop", s.crop);
		s.width = o.integer("width", s.width);
		s.learningRate = o.number("lr", s.learningRate);
		s.evalEvery = o.integer("eval-every", s.evalEvery);
		s.averageDecay = o.number("ema", s.averageDecay);
		if (s.averageDecay < 0 || s.averageDecay >= 1) throw new Options.UsageException("--ema " + s.averageDecay + " must be 0 (off) or in (0, 1)");
		if (s.steps <= 0) throw new Options.UsageException("--steps " + s.steps + " must be positive");
		if (s.batch <= 0) throw new Options.UsageException("--batch " + s.batch + " must be positive");
		if (s.evalEvery <= 0) throw new Options.UsageException("--eval-every " + s.evalEvery + " must be positive");
	}

	/** Help lines of the shared options; {@code cropNote} says what the crop edge must be. */
	static String usage(TrainingSettings defaults, String cropNote, String widthNote) {
		return String.join("\n",
				"  --data DIR        the data set folder (required)",
				"  --output FILE     where the best network is written (required)",
				"  --seed N          random seed (default " + defaults.seed + ")",
				"  --steps N         training steps (default " + defaults.steps + ")",
				"  --minutes M       stop after M minutes (default: no limit)",
				"  --batch N         crops per step (default " + defaults.batch + ")",
				"  --crop PX         crop edge" + cropNote + " (default " + defaults.crop + ")",
				"  --width N         " + widthNote + " (default " + defaults.width + ")",
				"  --lr X            peak learning rate of Adam (default " + String.format(Locale.ROOT, "%g", defaults.learningRate).replaceAll("0+$", "") + ")",
				"  --eval-every N    validate every N steps (default " + defaults.evalEvery + ")",
				"  --ema D           score and keep the moving average of the weights with decay D, e.g. 0.999 (default "
						+ (defaults.averageDecay > 0 ? defaults.averageDecay : "0: the last step's weights") + ")");
	}
}
