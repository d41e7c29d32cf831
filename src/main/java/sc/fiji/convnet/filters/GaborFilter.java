package sc.fiji.convnet.filters;

/**
 * One Gabor kernel (Bishop eqs. 10.6–10.8): a Gaussian envelope times a cosine wave along the rotated axis,
 * <pre>
 *   G(x, y) = exp(−α·x'² − β·y'²) · cos(ω·x' + φ)                        (10.6)
 *   x' =  x·cos θ + y·sin θ                                                (10.7)
 *   y' = −x·sin θ + y·cos θ                                                (10.8)
 * </pre>
 * with (x, y) measured from the kernel centre ((size − 1)/2), x to the right and y <b>upwards</b>, so
 * θ turns anticlockwise on screen: θ = 0 gives vertical stripes (a wave along x), θ = π/2 horizontal ones.
 * ω is the angular frequency in radians per pixel (wavelength 2π/ω), φ the phase, α and β (> 0) the
 * decay rates of the envelope across and along the stripes. The book writes the carrier as
 * A·sin(ω·x' + ψ); that is this kernel with φ = ψ − π/2 (times the amplitude A, here 1).
 * φ = 0 gives an even (symmetric) kernel, φ = −π/2 an odd (antisymmetric) one.
 */
public record GaborFilter(double theta, double omega, double phi, double alpha, double beta, int size) {

	public GaborFilter {
		if (size < 1)
			throw new IllegalArgumentException("GaborFilter: kernel size must be at least 1, got " + size);
		if (!(alpha > 0) || !(beta > 0) || !Double.isFinite(alpha) || !Double.isFinite(beta))
			throw new IllegalArgumentException("GaborFilter: decay parameters α and β must be positive and finite, got α=" + alpha + ", β=" + beta);
		if (!Double.isFinite(theta) || !Double.isFinite(omega) || !Double.isFinite(phi))
			throw new IllegalArgumentException("GaborFilter: θ, ω and φ must be finite, got θ=" + theta + ", ω=" + omega + ", φ=" + phi);
	}

	/** G at (x, y) from the centre, y pointing up (eq. 10.6). */
	public double value(double x, double y) {
		double c = Math.cos(theta), s = Math.sin(theta);
		double xr = x * c + y * s, yr = -x * s + y * c;
		return Math.exp(-alpha * xr * xr - beta * yr * yr) * Math.cos(omega * xr + phi);
	}

	/** The size×size kernel: the weight in column i, row j (row 0 at the top) is G(i − c, c − j), c = (size − 1)/2. */
	public Kernel2D kernel() {
		double centre = (size - 1) / 2.0;
		float[] v = new float[size * size];
		for (int j = 0; j < size; j++)
			for (int i = 0; i < size; i++) v[j * size + i] = (float) value(i - centre, centre - j);
		return Kernel2D.of(size, size, v);
	}

	/** A short slice label, e.g. "θ=45° ω=0.5 φ=0". */
	public String label() {
		return "θ=" + trim(Math.toDegrees(theta)) + "° ω=" + trim(omega) + " φ=" + trim(phi);
	}

	private static String trim(double v) {
		double r = Math.round(v * 1000) / 1000.0;
		return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
	}
}
