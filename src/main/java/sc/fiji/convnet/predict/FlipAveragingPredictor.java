package sc.fiji.convnet.predict;

import sc.fiji.convnet.tensor.Tensor;

/**
 * Test-time augmentation: runs the wrapped predictor on the flipped and rotated versions of each
 * input (the symmetries of the square, which the training crops were drawn from) and averages the
 * outputs after turning each back. A network that has not quite learned these symmetries gives
 * steadier maps this way, at {@code views} times the prediction cost.
 */
public final class FlipAveragingPredictor implements Predictor {

	private final Predictor predictor;
	private final int views;

	/**
	 * @param views 1 (no augmentation), 2 (horizontal flip), 4 (both flips) or 8 (flips and transposition)
	 */
	public FlipAveragingPredictor(Predictor predictor, int views) {
		if (views != 1 && views != 2 && views != 4 && views != 8)
			throw new IllegalArgumentException("Test-time augmentation: views must be 1, 2, 4 or 8, got " + views);
		this.predictor = predictor;
		this.views = views;
	}

	/** How many views each input is averaged over. */
	public int views() { return views; }

	@Override
	public Tensor predict(Tensor input) { return predict(input, Progress.NONE); }

	/** Reports each view done; Esc stops between views. */
	@Override
	public Tensor predict(Tensor input, Progress progress) {
		input.requireRank(4);
		if (views == 1) return predictor.predict(input, progress);
		// transposed views swap height and width, which a fully convolutional network accepts, and a
		// fixed-size model's tiles are square
		Tensor sum = null;
		for (int view = 0; view < views; view++) {
			if (progress.cancelled()) throw new CancelledException();
			Tensor out = Dihedral.inverse(predictor.predict(Dihedral.apply(input, view)), view);
			progress.update(view + 1, views);
			if (sum == null) sum = out;
			else {
				float[] s = sum.data(), o = out.data();
				for (int i = 0; i < s.length; i++) s[i] += o[i];
			}
		}
		float[] s = sum.data();
		float scale = 1f / views;
		for (int i = 0; i < s.length; i++) s[i] *= scale;
		return sum;
	}

	@Override public int sizeMultiple() { return predictor.sizeMultiple(); }
	@Override public int fixedSize() { return predictor.fixedSize(); }
	@Override public int halo() { return predictor.halo(); }
	@Override public int maxBatch() { return predictor.maxBatch(); }
	@Override public long tilePixels() { return predictor.tilePixels(); }

	@Override
	public String describe() { return predictor.describe() + (views > 1 ? ", averaged over " + views + " flips/rotations" : ""); }

	@Override
	public void close() { predictor.close(); }

	/**
	 * The eight symmetries of the square on the last two axes: bit 0 flips x, bit 1 flips y, bit 2
	 * transposes (applied after the flips).
	 */
	static final class Dihedral {

		private Dihedral() {}

		static Tensor apply(Tensor t, int view) {
			boolean flipX = (view & 1) != 0, flipY = (view & 2) != 0, transpose = (view & 4) != 0;
			int planes = t.n() * t.c(), h = t.h(), w = t.w();
			int oh = transpose ? w : h, ow = transpose ? h : w;
			float[] src = t.data(), dst = new float[src.length];
			for (int p = 0; p < planes; p++) {
				int base = p * h * w;
				for (int y = 0; y < oh; y++)
					for (int x = 0; x < ow; x++) {
						int sx = transpose ? y : x, sy = transpose ? x : y;
						if (flipX) sx = w - 1 - sx;
						if (flipY) sy = h - 1 - sy;
						dst[base + y * ow + x] = src[base + sy * w + sx];
					}
			}
			return new Tensor(dst, t.n(), t.c(), oh, ow);
		}

		/** Undoes {@link #apply}: {@code inverse(apply(t, v), v)} equals {@code t}. */
		static Tensor inverse(Tensor t, int view) {
			boolean transpose = (view & 4) != 0;
			if (!transpose) return apply(t, view); // flips are their own inverse
			// apply = transpose ∘ flips, so undo the transposition first, then the flips
			return apply(apply(t, 4), view & 3);
		}
	}
}
