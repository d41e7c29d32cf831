package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.explain.train.CellClassifierNet;
import sc.fiji.convnet.explain.train.ClassifierExport;
import sc.fiji.convnet.explain.train.ClassifierTraining;
import sc.fiji.convnet.tensor.Tensor;

/** Classify's tables against the network run directly on hand-cut crops, softmax in double precision here. */
class ImageClassificationTest {

	private static final String[] NAMES = { "alpha", "beta", "gamma" };

	private static Path model(Path dir, Network net) throws Exception {
		Path file = dir.resolve("c.net");
		net.save(file);
		Files.writeString(dir.resolve("bioimageio.yaml"), "config:\n  convnet:\n    classes: [alpha, beta, gamma]\n");
		return file;
	}

	private static ImagePlus image() {
		SplittableRandom r = new SplittableRandom(4);
		ColorProcessor cp = new ColorProcessor(64, 48);
		for (int i = 0; i < 64 * 48; i++) cp.set(i, r.nextInt(1 << 24));
		return new ImagePlus("cells", cp);
	}

	/** The region's pixels /255, 1×3×h×w, read straight from the ColorProcessor. */
	private static Tensor crop(ImagePlus imp, int x0, int y0, int w, int h) {
		ColorProcessor cp = (ColorProcessor) imp.getProcessor();
		Tensor t = Tensor.zeros(1, 3, h, w);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int[] rgb = cp.getPixel(x0 + x, y0 + y, null);
				for (int c = 0; c < 3; c++) t.data()[(c * h + y) * w + x] = rgb[c] / 255f;
			}
		return t;
	}

	private static double[] probabilities(Network net, Tensor x) {
		float[] z = net.forward(x, Phase.INFERENCE).data();
		double sum = 0;
		double[] p = new double[z.length];
		for (int i = 0; i < z.length; i++) sum += p[i] = Math.exp(z[i]);
		for (int i = 0; i < z.length; i++) p[i] /= sum;
		return p;
	}

	private static int argmax(double[] p) {
		int b = 0;
		for (int i = 1; i < p.length; i++) if (p[i] > p[b]) b = i;
		return b;
	}

	private static void assertTopTwo(ResultsTable t, int row, double[] p) {
		int first = argmax(p);
		double[] rest = p.clone();
		rest[first] = -1;
		int second = argmax(rest);
		assertEquals(NAMES[first], t.getStringValue("Class 1", row));
		assertEquals(p[first], t.getValue("P 1", row), 1e-5);
		assertEquals(NAMES[second], t.getStringValue("Class 2", row));
		assertEquals(p[second], t.getValue("P 2", row), 1e-5);
	}

	@Test
	void wholeImageAndRoisMatchTheNetworkOnTheirCrops(@TempDir Path tmp) throws Exception {
		Network net = CellClassifierNet.build(4, 3, 21);
		Path model = model(tmp, net);
		ImagePlus imp = image();
		ResultsTable whole = ImageClassification.image(imp, model.toString(), 2, ImageClassification.NORMALIZE_DIVIDE_255);
		assertTopTwo(whole, 0, probabilities(net, crop(imp, 0, 0, 64, 48)));
		Overlay o = new Overlay();
		o.add(new Roi(8, 16, 24, 16));
		o.add(new Roi(40, 0, 16, 32));
		imp.setOverlay(o);
		ResultsTable rois = ImageClassification.rois(imp, model.toString(), 2, ImageClassification.NORMALIZE_DIVIDE_255);
		assertEquals(2, rois.size());
		assertTopTwo(rois, 0, probabilities(net, crop(imp, 8, 16, 24, 16)));
		assertTopTwo(rois, 1, probabilities(net, crop(imp, 40, 0, 16, 32)));
		imp.setOverlay(null);
		assertThrows(IllegalArgumentException.class, () -> ImageClassification.rois(imp, model.toString(), 2, ImageClassification.NORMALIZE_DIVIDE_255));
	}

	@Test
	void classMapHoldsTheTopClassOfEveryWindow(@TempDir Path tmp) throws Exception {
		Network net = CellClassifierNet.build(4, 3, 22);
		Path model = model(tmp, net);
		ImagePlus imp = image();
		ImageClassification.ClassMap m = ImageClassification.slidingWindow(imp, model.toString(), 16, 16, ImageClassification.NORMALIZE_DIVIDE_255);
		assertEquals(4, m.map().getWidth());
		assertEquals(3, m.map().getHeight());
		assertEquals(12, m.table().size());
		for (int gy = 0; gy < 3; gy++)
			for (int gx = 0; gx < 4; gx++) {
				int expected = argmax(probabilities(net, crop(imp, gx * 16, gy * 16, 16, 16)));
				assertEquals(expected, m.map().getProcessor().get(gx, gy), "cell " + gx + "," + gy);
			}
	}

	/** The exported ONNX model, run by ONNX Runtime from its folder, gives the engine's probabilities and the description's names. */
	@Test
	void onnxModelFolderGivesTheEngineProbabilities(@TempDir Path tmp) throws Exception {
		Network net = CellClassifierNet.build(4, 4, 23);
		ClassifierExport.export(net, 16, tmp, "test", new ClassifierTraining.Accuracy(0, 0, new double[4], new int[4][4]), Tensor.zeros(1, 3, 16, 16));
		ImagePlus imp = image();
		ResultsTable t = ImageClassification.image(imp, tmp.toString(), 1, ImageClassification.NORMALIZE_DIVIDE_255);
		double[] p = probabilities(net, crop(imp, 0, 0, 64, 48));
		int best = argmax(p);
		assertEquals(java.util.List.of("RBC", "WBC", "Platelets", "background").get(best), t.getStringValue("Class 1", 0));
		assertEquals(p[best], t.getValue("P 1", 0), 1e-4);
	}

	/** Issue #19: a sliding-window Classify shows its progress over the windows (lines without a window) and Esc stops it. */
	@Test
	void slidingWindowShowsProgressAndStopsOnEscape(@TempDir Path tmp) throws Exception {
		Path model = model(tmp, CellClassifierNet.build(4, 3, 22));
		java.util.List<String> lines = new java.util.ArrayList<>();
		var r = sc.fiji.convnet.request.ClassifyRequest.defaults().with("classifier", model.toString()).with("classify", sc.fiji.convnet.request.ClassifyRequest.WINDOWS)
				.with("window", 8).with("stride", 4).with("normalization", ImageClassification.NORMALIZE_DIVIDE_255);
		ImageClassification.run(image(), r, new sc.fiji.convnet.predict.LineProgress("cells", lines::add));
		assertEquals("cells: classifying windows", lines.get(0));
		assertEquals("cells: classifying windows 100 %", lines.get(lines.size() - 1), lines.toString()); // 15 × 11 windows, batches of 32
		int[] updates = { 0 };
		sc.fiji.convnet.predict.Progress escAfterOneBatch = new sc.fiji.convnet.predict.Progress() {
			@Override public void update(int done, int total) { updates[0]++; }
			@Override public boolean cancelled() { return updates[0] >= 1; }
		};
		org.junit.jupiter.api.Assertions.assertThrows(sc.fiji.convnet.predict.CancelledException.class, () -> ImageClassification.run(image(), r, escAfterOneBatch));
		assertEquals(1, updates[0], "no batch after Esc");
	}
}
