package sc.fiji.convnet.filters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import sc.fiji.convnet.tensor.Tensor;

/**
 * A bank of {@link GaborFilter}s (Bishop eqs. 10.6–10.8, Fig. 10.11): every combination of the given
 * frequencies ω, phases φ and orientations θ, sharing α, β and the kernel size. The order is frequency
 * outermost, then phase, then orientation, which is also the montage's layout: one row per (ω, φ), one
 * column per θ.
 * <pre>
 * GaborBank bank = GaborBank.builder().orientations(GaborBank.evenOrientations(8))
 *         .frequencies(0.5, 1.0).phases(0).alpha(0.1).beta(0.1).size(15).build();
 * Tensor maps = bank.apply(image, Convolution2D.defaults());
 * Tensor figure = bank.montage(8, 2);
 * </pre>
 */
public final class GaborBank {

	private final List<GaborFilter> filters;
	private final int rows, columns;

	private GaborBank(List<GaborFilter> filters, int rows, int columns) {
		this.filters = Collections.unmodifiableList(filters);
		this.rows = rows;
		this.columns = columns;
	}

	public static Builder builder() { return new Builder(); }

	/** {@code count} orientations evenly spread over [0, π): k·π/count. */
	public static double[] evenOrientations(int count) {
		if (count < 1) throw new IllegalArgumentException("GaborBank: orientation count must be at least 1, got " + count);
		double[] t = new double[count];
		for (int k = 0; k < count; k++) t[k] = k * Math.PI / count;
		return t;
	}

	public List<GaborFilter> filters() { return filters; }
	public int size() { return filters.size(); }

	public List<Kernel2D> kernels() {
		List<Kernel2D> ks = new ArrayList<>(filters.size());
		for (GaborFilter f : filters) ks.add(f.kernel());
		return ks;
	}

	public String[] labels() {
		String[] l = new String[filters.size()];
		for (int i = 0; i < l.length; i++) l[i] = filters.get(i).label();
		return l;
	}

	/**
	 * All kernels in one image as in Fig. 10.11: one row per (ω, φ), one column per θ, each kernel enlarged
	 * {@code scale} times (nearest neighbour) and separated by {@code gap} pixels of value 0. Kernel values are
	 * kept as they are; show it with a display range symmetric about 0. The result is 1×1×H×W.
	 */
	public Tensor montage(int scale, int gap) {
		if (scale < 1 || gap < 0)
			throw new IllegalArgumentException("GaborBank: montage scale must be ≥ 1 and gap ≥ 0, got scale " + scale + ", gap " + gap);
		int k = filters.get(0).size(), tile = k * scale;
		int w = columns * tile + (columns - 1) * gap, h = rows * tile + (rows - 1) * gap;
		float[] out = new float[w * h];
		for (int f = 0; f < filters.size(); f++) {
			float[] v = filters.get(f).kernel().valuesShared();
			int x0 = (f % columns) * (tile + gap), y0 = (f / columns) * (tile + gap);
			for (int y = 0; y < tile; y++)
				for (int x = 0; x < tile; x++) out[(y0 + y) * w + x0 + x] = v[(y / scale) * k + x / scale];
		}
		return new Tensor(out, 1, 1, h, w);
	}

	/** N×C×H×W → N×(C·F)×OH×OW: channel c·F + f is filter f over input channel c. */
	public Tensor apply(Tensor x, Convolution2D conv) {
		return conv.applyBank(x, kernels());
	}

	@Override
	public String toString() { return "GaborBank[" + filters.size() + " filters, " + rows + "×" + columns + "]"; }

	/** Collects the lists; everything has a default except the orientations. */
	public static final class Builder {
		private double[] orientations;
		private double[] frequencies = { Math.PI / 4 };
		private double[] phases = { 0 };
		private double alpha = 0.05, beta = 0.05;
		private int size = 15;

		private Builder() {}

		/** Orientations θ in radians. */
		public Builder orientations(double... radians) { this.orientations = radians.clone(); return this; }
		/** Angular frequencies ω in radians per pixel. */
		public Builder frequencies(double... omegas) { this.frequencies = omegas.clone(); return this; }
		/** Phases φ in radians. */
		public Builder phases(double... phis) { this.phases = phis.clone(); return this; }
		public Builder alpha(double alpha) { this.alpha = alpha; return this; }
		public Builder beta(double beta) { this.beta = beta; return this; }
		/** Kernel width and height in pixels. */
		public Builder size(int size) { this.size = size; return this; }

		public GaborBank build() {
			if (orientations == null || orientations.length == 0)
				throw new IllegalArgumentException("GaborBank: no orientations given");
			if (frequencies.length == 0) throw new IllegalArgumentException("GaborBank: no frequencies given");
			if (phases.length == 0) throw new IllegalArgumentException("GaborBank: no phases given");
			List<GaborFilter> fs = new ArrayList<>();
			for (double omega : frequencies)
				for (double phi : phases)
					for (double theta : orientations)
						fs.add(new GaborFilter(theta, omega, phi, alpha, beta, size));
			return new GaborBank(fs, frequencies.length * phases.length, orientations.length);
		}
	}
}
