package sc.fiji.convnet.bench;

import net.imglib2.FinalInterval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * A lazily generated fluorescence-like image of any size: one Gaussian blob ("nucleus") per 32×32 block,
 * its centre, size and brightness drawn from a hash of the block's position, on a background with hashed
 * noise. Every pixel is computed on demand from its (x, y) alone, so nothing is stored and any region of a
 * 40,000 × 40,000 image costs the same. Public for the Spark module's strip benchmark (it takes this jar's tests jar).
 */
public final class SyntheticNuclei {

	private static final int BLOCK = 32;
	private static final float[] GAUSS = new float[2 * BLOCK * BLOCK];

	static {
		for (int r2 = 0; r2 < GAUSS.length; r2++) GAUSS[r2] = (float) Math.exp(-r2 / (2.0 * 16));
	}

	private SyntheticNuclei() {}

	public static RandomAccessibleInterval<FloatType> image(long width, long height) {
		FunctionRandomAccessible<FloatType> f = new FunctionRandomAccessible<>(2, (pos, t) -> t.set(value(pos.getLongPosition(0), pos.getLongPosition(1))),
				FloatType::new);
		return Views.interval(f, new FinalInterval(width, height));
	}

	public static float value(long x, long y) {
		long bx = x / BLOCK, by = y / BLOCK;
		long h = mix(bx * 0x9E3779B97F4A7C15L ^ by);
		int cx = 8 + (int) (h & 15), cy = 8 + (int) ((h >>> 4) & 15);
		float amplitude = (h >>> 8 & 3) == 0 ? 0 : 600 + (h >>> 10 & 511); // a quarter of the blocks empty
		int dx = (int) (x - bx * BLOCK) - cx, dy = (int) (y - by * BLOCK) - cy;
		int r2 = dx * dx + dy * dy;
		float noise = (mix(x * 0xC2B2AE3D27D4EB4FL ^ y) >>> 56) * 0.25f; // 0…64
		return 100 + noise + amplitude * GAUSS[r2];
	}

	/** SplitMix64's finaliser. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
