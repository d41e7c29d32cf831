package sc.fiji.convnet.commands;

import java.util.Arrays;

import ij.gui.GenericDialog;
import sc.fiji.convnet.ConvNetFilters;
import sc.fiji.convnet.filters.GaborBank;

/**
 * The parameters of Gabor Filter Bank (Bishop eqs. 10.6–10.8) with the defaults every entry point shows.
 * Macro keys: orientations, frequencies, phase, alpha, beta, size (and show, for the bank picture).
 */
public final class GaborSettings {

	public int orientations = 8;
	/** Angular frequencies ω in radians per pixel, comma separated. */
	public String frequencies = "0.785, 1.571";
	/** Phases φ in radians, comma separated (usually one). */
	public String phases = "0";
	public double alpha = 0.05;
	public double beta = 0.05;
	public int size = 15;

	public GaborBank bank() {
		return ConvNetFilters.gaborBank(orientations, numbers(frequencies, "frequencies"), numbers(phases, "phase"), alpha, beta, size);
	}

	public void addTo(GenericDialog gd) {
		gd.addNumericField("Orientations θ (evenly over 0–180°)", orientations, 0);
		gd.addStringField("Frequencies ω (radians/pixel, comma list)", frequencies, 20);
		gd.addStringField("Phase φ (radians, comma list)", phases, 20);
		gd.addNumericField("Alpha α (envelope decay across stripes)", alpha, 3);
		gd.addNumericField("Beta β (envelope decay along stripes)", beta, 3);
		gd.addNumericField("Size of the kernels", size, 0, 4, "pixels");
	}

	public void readFrom(GenericDialog gd) {
		orientations = (int) gd.getNextNumber();
		frequencies = gd.getNextString();
		phases = gd.getNextString();
		alpha = gd.getNextNumber();
		beta = gd.getNextNumber();
		size = (int) gd.getNextNumber();
		if (gd.invalidNumber()) throw new IllegalArgumentException("a numeric field holds no number");
	}

	/** "0.5, 1 2" → {0.5, 1, 2}; commas and blanks separate. */
	static double[] numbers(String list, String what) {
		String s = list == null ? "" : list.trim();
		if (s.isEmpty()) throw new IllegalArgumentException("no " + what + " given; type numbers separated by commas");
		return Arrays.stream(s.split("[,\\s]+")).mapToDouble(token -> {
			try {
				double v = Double.parseDouble(token);
				if (!Double.isFinite(v)) throw new NumberFormatException();
				return v;
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("'" + token + "' in " + what + " is not a number");
			}
		}).toArray();
	}
}
