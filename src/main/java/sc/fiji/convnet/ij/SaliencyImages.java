package sc.fiji.convnet.ij;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.plugin.LutLoader;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import sc.fiji.convnet.explain.SaliencyMap;
import sc.fiji.convnet.model.InputNormalization;
import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.tensor.Tensor;

/** Saliency maps as ImageJ things: a 32-bit image with a heat LUT, and a translucent heat-map overlay. */
public final class SaliencyImages {

	public static final String NORMALIZE_NONE = InputNormalization.NONE, NORMALIZE_UNIT = InputNormalization.UNIT,
			NORMALIZE_ZSCORE = InputNormalization.ZSCORE;
	public static final String[] NORMALIZATIONS = sc.fiji.convnet.request.Normalization.SALIENCY.toArray(new String[0]);

	private SaliencyImages() {}

	/**
	 * The image's current plane as the input of {@code model}: see {@link #tensor(ImagePlus, int)}, then the model's
	 * preprocessing, or {@code normalization} for a bare network ({@link InputNormalization}).
	 */
	public static Tensor tensor(ImagePlus imp, int channels, ModelFiles model, String normalization) {
		return InputNormalization.of(model, normalization).apply(tensor(imp, channels));
	}

	/** The plane of {@link #tensor(ImagePlus, int)} with a normalisation by name: "none", "0-1" (min–max) or "zero mean, unit variance". */
	public static Tensor tensor(ImagePlus imp, int channels, String normalization) {
		return InputNormalization.chosen(normalization).apply(tensor(imp, channels));
	}

	/**
	 * The image's current plane as 1×C×H×W in raw values: RGB gives 3 channels (0–255), anything else 1; a model
	 * with a different channel count gets the grey plane repeated, or the RGB mean.
	 */
	public static Tensor tensor(ImagePlus imp, int channels) {
		ImageProcessor ip = imp.getProcessor();
		int w = ip.getWidth(), h = ip.getHeight(), plane = w * h;
		float[][] planes;
		if (ip instanceof ColorProcessor cp) {
			byte[] r = new byte[plane], g = new byte[plane], b = new byte[plane];
			cp.getRGB(r, g, b);
			planes = new float[][] { unsigned(r), unsigned(g), unsigned(b) };
		} else {
			planes = new float[][] { (float[]) ip.convertToFloatProcessor().getPixels() };
		}
		if (channels > 0 && channels != planes.length) {
			float[] grey = new float[plane];
			for (float[] p : planes) for (int i = 0; i < plane; i++) grey[i] += p[i] / planes.length;
			planes = new float[channels][];
			for (int c = 0; c < channels; c++) planes[c] = grey.clone();
		}
		Tensor t = Tensor.zeros(1, planes.length, h, w);
		for (int c = 0; c < planes.length; c++) System.arraycopy(planes[c], 0, t.data(), c * plane, plane);
		return t;
	}

	private static float[] unsigned(byte[] b) {
		float[] f = new float[b.length];
		for (int i = 0; i < b.length; i++) f[i] = b[i] & 0xff;
		return f;
	}

	/** ImageJ's "Fire" LUT, or a black–red–yellow–white ramp when it cannot be loaded. */
	public static LUT heatLut() {
		try {
			java.awt.image.IndexColorModel fire = LutLoader.getLut("fire");
			if (fire != null) return new LUT(fire, 0, 255);
		} catch (RuntimeException ignored) { /* falls back to the ramp */ }
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int i = 0; i < 256; i++) {
			r[i] = (byte) Math.min(255, 3 * i);
			g[i] = (byte) Math.max(0, Math.min(255, 3 * i - 255));
			b[i] = (byte) Math.max(0, 3 * i - 510);
		}
		return new LUT(r, g, b);
	}

	/** What a map shows, for titles and labels: "Grad-CAM relu5 · WBC (0.93)"; the class by name when the model names its classes. */
	public static String describe(SaliencyMap m, java.util.List<String> classes) {
		String cls = m.classIndex() >= 0 && m.classIndex() < classes.size() ? classes.get(m.classIndex()) : "class " + m.classIndex();
		return m.method() + " · " + cls + String.format(java.util.Locale.ROOT, " (%.2f)", m.score());
	}

	/** The map as a 32-bit image with the heat LUT, displayed from 0 to its maximum. */
	public static ImagePlus toImagePlus(SaliencyMap m, String title) {
		FloatProcessor fp = new FloatProcessor(m.width(), m.height(), m.values().clone());
		fp.setLut(heatLut());
		fp.setMinAndMax(0, Math.max(m.max(), Float.MIN_NORMAL));
		ImagePlus imp = new ImagePlus(title, fp);
		imp.setProperty("Info", m.method() + ", class " + m.classIndex() + ", score " + m.score());
		return imp;
	}

	/** The map coloured by the heat LUT as an image ROI of the given opacity (0–1), for an overlay. */
	public static ImageRoi heatOverlay(SaliencyMap m, double opacity) {
		if (!(opacity >= 0 && opacity <= 1)) throw new IllegalArgumentException("opacity must be between 0 and 1, got " + opacity);
		FloatProcessor fp = new FloatProcessor(m.width(), m.height(), m.values().clone());
		fp.setMinAndMax(0, Math.max(m.max(), Float.MIN_NORMAL));
		ImageProcessor bytes = fp.convertToByteProcessor(true);
		bytes.setLut(heatLut());
		ImageRoi roi = new ImageRoi(0, 0, bytes.convertToRGB());
		roi.setOpacity(opacity);
		roi.setName(m.method() + " class " + m.classIndex());
		return roi;
	}

	/**
	 * Adds the heat map to the image's overlay beneath what the overlay already holds (boxes and outlines stay
	 * visible on top), replacing an earlier heat map of ours, with {@code label} in the top-left corner.
	 */
	public static void addOverlay(ImagePlus imp, SaliencyMap m, double opacity, String label) {
		Overlay old = imp.getOverlay(), o = new Overlay();
		ImageRoi heat = heatOverlay(m, opacity);
		heat.setName(HEAT_MAP);
		o.add(heat);
		if (old != null)
			for (ij.gui.Roi r : old.toArray())
				if (!HEAT_MAP.equals(r.getName()) && !HEAT_LABEL.equals(r.getName())) o.add(r);
		ij.gui.TextRoi text = new ij.gui.TextRoi(2, 2, label, new java.awt.Font("SansSerif", java.awt.Font.PLAIN, Math.max(9, imp.getHeight() / 40)));
		text.setStrokeColor(java.awt.Color.WHITE);
		text.setFillColor(new java.awt.Color(0, 0, 0, 128));
		text.setName(HEAT_LABEL);
		o.add(text);
		imp.setOverlay(o);
	}

	/** Names of our overlay elements, so that a new heat map replaces the last one instead of piling up. */
	static final String HEAT_MAP = "convnet heat map", HEAT_LABEL = "convnet heat map label";
}
