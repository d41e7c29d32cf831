package sc.fiji.convnet.segment;

import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.predict.FlipAveragingPredictor;
import sc.fiji.convnet.predict.Predictor;
import sc.fiji.convnet.predict.TiledPredictor;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Nuclei segmentation of one 2-D plane: global normalisation, optional rescaling to the nucleus
 * size the model was trained on, tiled prediction, instance decoding. Built fluently:
 * <pre>
 * NucleiSegmenter s = NucleiSegmenter.builder(model).threshold(0.5).diameter(20).build();
 * SegmentationResult r = s.segment(pixels, width, height, Progress.NONE);
 * </pre>
 */
public final class NucleiSegmenter {

	/** Defaults every entry point shows, chosen on the validation split for the shipped model. */
	public static final double DEFAULT_THRESHOLD = 0.6, DEFAULT_SEED_THRESHOLD = 0.7;
	public static final int DEFAULT_MIN_AREA = 20, DEFAULT_VIEWS = 4, DEFAULT_MIN_SEED_AREA = 5;
	/** Objects whose mean foreground probability is lower are dropped (models with a boundary class; chosen on both DSB val splits). */
	public static final double DEFAULT_MIN_SCORE = 0.8;

	private final SegmentationModel model;
	private final double threshold, seedThreshold, prominence, diameter, minScore, distanceProminence;
	private final int tileSize, halo, minArea, maxArea, views, minSeedArea;
	private final boolean fillHoles;

	private NucleiSegmenter(Builder b) {
		this.model = b.model;
		this.threshold = b.threshold;
		this.seedThreshold = b.seedThreshold;
		this.prominence = b.prominence;
		this.diameter = b.diameter;
		this.tileSize = b.tileSize;
		this.halo = b.halo >= 0 ? b.halo : model.predictor().halo();
		this.minArea = b.minArea;
		this.maxArea = b.maxArea;
		this.fillHoles = b.fillHoles;
		this.views = b.views;
		this.minSeedArea = b.minSeedArea;
		this.minScore = b.minScore;
		this.distanceProminence = b.distanceProminence;
	}

	public static Builder builder(SegmentationModel model) { return new Builder(model); }

	public SegmentationModel model() { return model; }

	/** Every decoding and prediction setting as {@code key=value;…}, for a batch journal to compare runs by. */
	public String settings() {
		return String.format(java.util.Locale.ROOT, "threshold=%s;seed=%s;prominence=%s;diameter=%s;tile=%d;halo=%d;minimum=%d;maximum=%d;views=%d;"
				+ "minSeedArea=%d;fillHoles=%b;minScore=%s;distanceProminence=%s;", threshold, seedThreshold, prominence, diameter, tileSize, halo, minArea, maxArea,
				views, minSeedArea, fillHoles, minScore, distanceProminence);
	}
	/** The decoder (image scale), predictor, tile edge, halo and diameter of these settings: shared with {@link LargeImageSegmenter}. */
	InstanceDecoder decoder() { return decoder(1); }

	/**
	 * The decoder for maps that were predicted at {@code scale} × the image's size and resized back: the seed
	 * minimum and the minimum area are noise filters in the model's pixels (where a nucleus has the trained
	 * diameter); the maximum area is the user's, in the image's pixels.
	 */
	private InstanceDecoder decoder(double scale) { return decoder(scale, maxArea); }

	private InstanceDecoder decoder(double scale, int maxArea) {
		return new InstanceDecoder(threshold, seedThreshold, atImageScale(minSeedArea, scale), prominence, atImageScale(minArea, scale), maxArea, fillHoles, minScore,
				distanceProminence);
	}

	/** An area in model pixels as image pixels, for an image resampled by {@code scale}. */
	private static int atImageScale(int area, double scale) {
		return (int) Math.min(Integer.MAX_VALUE, Math.round(area / (scale * scale)));
	}

	Predictor predictor() { return views > 1 ? new FlipAveragingPredictor(model.predictor(), views) : model.predictor(); }
	/**
	 * Tile edge for block-wise prediction ({@link LargeImageSegmenter}): the user's, else 1024. Each block
	 * computes every tile its margin touches, so blocks want tiles well below their own size, not the
	 * whole-image budget that {@link #segment} uses.
	 */
	int tileSize() { return tileSize > 0 ? Math.max(tileSize, 2 * halo + 16) : 1024; }
	int halo() { return halo; }
	double diameter() { return diameter; }

	public SegmentationResult segment(float[] pixels, int width, int height, Progress progress) {
		if (pixels.length != (long) width * height)
			throw new IllegalArgumentException("Segment: " + pixels.length + " pixels do not make a " + width + "×" + height + " image");
		progress.stage("normalising");
		float[] normalized = model.preprocess(new Tensor(pixels.clone(), 1, 1, height, width)).data();
		double trained = model.trainedDiameter();
		double found = diameter;
		float[][][] quick = new float[1][][]; // the last one-view pass of the estimate, reused when it covers the image at the final scale
		double[] quickScale = { Double.NaN };
		if (diameter == 0 && trained > 0) {
			progress.stage("finding the nucleus size");
			if (progress.cancelled()) throw new sc.fiji.convnet.predict.CancelledException();
			// one size per image, measured on central windows of it: cheap on large images
			found = estimator().estimate(width, height, (s, x0, y0, w, h, sw, sh) -> {
				boolean whole = w == width && h == height;
				float[][] m = maps(whole ? normalized : crop(normalized, width, x0, y0, w, h), w, h, sw, sh, model.predictor(), Progress.NONE);
				quickScale[0] = whole ? s : Double.NaN;
				return quick[0] = m;
			});
		}
		double scale = diameter > 0 ? (trained > 0 ? trained / diameter : 1) : estimator().scaleFor(found, width, height);
		int sw = Math.max(1, (int) Math.round(width * scale)), sh = Math.max(1, (int) Math.round(height * scale));
		progress.stage("predicting");
		float[][] maps = views == 1 && quickScale[0] == scale ? quick[0] : maps(normalized, width, height, sw, sh, predictor(), progress);
		progress.stage("decoding");
		// distance maxima need the model's pixels: an enlarged image is decoded before it is shrunk back
		LabelImage enlarged = scale > 1 && model.outputKind() == InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY_DISTANCE
				? decoder(1, maxArea >= Integer.MAX_VALUE / (scale * scale) ? Integer.MAX_VALUE : (int) Math.round(maxArea * scale * scale)).decode(maps, sw, sh)
				: null;
		if (sw != width || sh != height)
			for (int k = 0; k < maps.length; k++) maps[k] = PlaneResize.resize(maps[k], sw, sh, width, height);
		LabelImage labels = enlarged != null ? enlarged.sampled(width, height).filterBySize(1, maxArea) : decoder(scale).decode(maps, width, height);
		return new SegmentationResult(labels, maps, found);
	}

	private static float[] crop(float[] pixels, int width, int x0, int y0, int w, int h) {
		float[] out = new float[w * h];
		for (int y = 0; y < h; y++) System.arraycopy(pixels, (y0 + y) * width + x0, out, y * w, w);
		return out;
	}

	/** Probability maps of the normalised image resampled to sw×sh, at that size. */
	private float[][] maps(float[] normalized, int width, int height, int sw, int sh, Predictor predictor, Progress progress) {
		float[] input = sw != width || sh != height ? PlaneResize.resizeImage(normalized, width, height, sw, sh) : normalized;
		TiledPredictor tiler = new TiledPredictor(predictor, tileSize > 0 ? tileSize() : 0, halo); // 0: the backend's pixel budget
		return planes(model.postprocess(tiler.predict(new Tensor(input, 1, 1, sh, sw), progress)));
	}

	/** The nucleus diameter found in a sample {pixels, {width, height}} of an image (block-wise segmentation measures once); 0 when unknown. */
	double findDiameter(float[][] sample) {
		int w = (int) sample[1][0], h = (int) sample[1][1];
		float[] normalized = model.preprocess(new Tensor(sample[0].clone(), 1, 1, h, w)).data();
		return estimator().estimate(w, h, (s, x0, y0, ww, wh, sw, sh) -> maps(ww == w && wh == h ? normalized : crop(normalized, w, x0, y0, ww, wh), ww, wh, sw, sh,
				model.predictor(), Progress.NONE));
	}

	/** Model pixels per image pixel for a found diameter in a width×height image (1 near the trained size or when unknown). */
	double scaleFor(double found, int width, int height) { return estimator().scaleFor(found, width, height); }

	/** The size finder of the automatic diameter: decodes at the model's scale, where a nucleus is about the trained size. */
	private DiameterEstimator estimator() {
		int trainedArea = (int) Math.round(Math.PI * model.trainedDiameter() * model.trainedDiameter() / 4);
		return new DiameterEstimator(model.trainedDiameter(),
				new InstanceDecoder(threshold, seedThreshold, minSeedArea, prominence, Math.max(minSeedArea, trainedArea / 16), Integer.MAX_VALUE, fillHoles,
						minScore, distanceProminence));
	}

	/** The K planes of a 1×K×H×W tensor, copied out. */
	static float[][] planes(Tensor out) {
		int k = out.c(), plane = out.h() * out.w();
		float[][] maps = new float[k][plane];
		for (int c = 0; c < k; c++) System.arraycopy(out.data(), c * plane, maps[c], 0, plane);
		return maps;
	}

	/** Settings with the defaults a user sees in the dialog. */
	public static final class Builder {
		private final SegmentationModel model;
		private double threshold = DEFAULT_THRESHOLD, seedThreshold = DEFAULT_SEED_THRESHOLD, prominence = 1.0, diameter = 0;
		private int tileSize = 0, halo = -1, minArea = DEFAULT_MIN_AREA, maxArea = Integer.MAX_VALUE, views = DEFAULT_VIEWS, minSeedArea = DEFAULT_MIN_SEED_AREA;
		private boolean fillHoles = true;
		private double minScore = DEFAULT_MIN_SCORE, distanceProminence = InstanceDecoder.DEFAULT_DISTANCE_PROMINENCE;

		private Builder(SegmentationModel model) {
			if (model == null) throw new IllegalArgumentException("Segment: no model given");
			this.model = model;
		}

		/** Probability above which a pixel belongs to a nucleus. */
		public Builder threshold(double t) { this.threshold = t; return this; }
		/** Interior probability above which a pixel seeds a nucleus (three-class models), or that a distance maximum needs to seed one (distance models). */
		public Builder seedThreshold(double t) { this.seedThreshold = t; return this; }
		/** Distance-map prominence for seeds (foreground models), in pixels. */
		public Builder prominence(double p) { this.prominence = p; return this; }
		/**
		 * Nucleus diameter in pixels: the image is rescaled so that nuclei have the size the model was
		 * trained on. 0 (default) finds it in each image ({@link DiameterEstimator}).
		 */
		public Builder diameter(double d) { this.diameter = d; return this; }
		/** Largest tile edge in pixels; 0 (default) sizes tiles from the backend's pixel budget, so most images are one tile. */
		public Builder tileSize(int s) { this.tileSize = s; return this; }
		/** Context pixels per tile side; negative takes the model's receptive field. */
		public Builder halo(int h) { this.halo = h; return this; }
		public Builder minArea(int a) { this.minArea = a; return this; }
		public Builder maxArea(int a) { this.maxArea = a; return this; }
		public Builder fillHoles(boolean f) { this.fillHoles = f; return this; }
		/**
		 * Test-time augmentation: average the network's outputs over 1, 2, 4 or 8 flipped and rotated
		 * views of the image (steadier maps at that many times the prediction cost).
		 */
		public Builder views(int v) { this.views = v; return this; }
		/** Interior components smaller than this (pixels at the model's scale) seed no nucleus of their own. */
		public Builder minSeedArea(int a) { this.minSeedArea = a; return this; }
		/** Objects whose mean foreground probability is lower are dropped (models with a boundary class; 0 keeps all). */
		public Builder minScore(double s) { this.minScore = s; return this; }
		/** Models with a distance output: the share of a nucleus centre's height by which a maximum must stand out to seed a nucleus. */
		public Builder distanceProminence(double p) { this.distanceProminence = p; return this; }

		public NucleiSegmenter build() {
			if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("Segment: threshold must lie in (0, 1), got " + threshold);
			if (minArea < 0 || maxArea < minArea) throw new IllegalArgumentException("Segment: size range " + minArea + "–" + maxArea + " is empty");
			if (diameter < 0) throw new IllegalArgumentException("Segment: diameter must be ≥ 0, got " + diameter);
			if (!(minScore >= 0 && minScore < 1)) throw new IllegalArgumentException("Segment: minimum object score must lie in [0, 1), got " + minScore);
			if (!(distanceProminence > 0 && distanceProminence < 1))
				throw new IllegalArgumentException("Segment: distance prominence must lie in (0, 1), got " + distanceProminence);
			if (minSeedArea < 0) throw new IllegalArgumentException("Segment: minimum seed area must be ≥ 0, got " + minSeedArea);
			if (views != 1 && views != 2 && views != 4 && views != 8)
				throw new IllegalArgumentException("Segment: views must be 1, 2, 4 or 8, got " + views);
			if (tileSize != 0 && tileSize < 32) throw new IllegalArgumentException("Segment: tile size must be 0 (automatic) or ≥ 32, got " + tileSize);
			return new NucleiSegmenter(this);
		}
	}
}
