package sc.fiji.convnet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.detect.GridDetector;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.detect.train.DetectorDesign;
import sc.fiji.convnet.detect.train.DetectorExport;
import sc.fiji.convnet.engine.MultiplyAdds;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.predict.EnginePredictor;
import sc.fiji.convnet.predict.OnnxPredictor;

/**
 * Times the detection of one image (resize, normalise, one forward pass, decoding, NMS) with a detector
 * design, on ONNX Runtime and on the engine, with 1 and 2 threads: warm-up, then the median of repeats.
 * Also prints parameters and multiply-adds. The network is untrained (timing does not depend on the
 * weights) unless {@code network=FILE} names a trained one.
 * <p>
 * Arguments: {@code arch=centre width=16 scale=0.75 image=../shared/data/bccd/JPEGImages/BloodImage_00001.jpg
 * network=FILE repeat=7 threads=1,2}.
 */
public final class DetectorBenchmark {

	public static void main(String[] args) throws Exception {
		String arch = "centre", image = "../shared/data/bccd/JPEGImages/BloodImage_00001.jpg", network = null;
		int width = 16, repeat = 7;
		double scale = 0.75;
		int[] threads = { 1, 2 };
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
			case "arch" -> arch = kv[1];
			case "width" -> width = Integer.parseInt(kv[1]);
			case "scale" -> scale = Double.parseDouble(kv[1]);
			case "image" -> image = kv[1];
			case "network" -> network = kv[1];
			case "repeat" -> repeat = Integer.parseInt(kv[1]);
			case "threads" -> threads = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
			default -> throw new IllegalArgumentException("DetectorBenchmark: unknown argument " + a);
			}
		}
		RgbImage img = RgbImage.read(Path.of(image));
		DetectorDesign design = DetectorDesign.of(arch, List.of("Platelets", "RBC", "WBC"));
		Network net = network != null ? Network.load(Path.of(network)) : design.build(width, 42);
		int m = Math.max(design.sizeMultiple(), net.sizeMultiple());
		int w = (int) Math.round(img.width() * scale), h = (int) Math.round(img.height() * scale);
		int pw = (w + m - 1) / m * m, ph = (h + m - 1) / m * m;
		System.out.printf(Locale.ROOT, "%s detector: %,d parameters, input %d×%d → %d×%d (padded %d×%d), %.3f G multiply-adds per image%n", arch,
				net.parameterCount(), img.width(), img.height(), w, h, pw, ph, MultiplyAdds.of(net, 1, 3, ph, pw) / 1e9);
		Path dir = Files.createTempDirectory("detector-bench");
		DetectorExport.export(net, design, scale, dir, "bench", 0, img);
		DetectionSettings s = DetectionSettings.defaults();
		for (int t : threads) {
			System.setProperty("convnet.threads", Integer.toString(t));
			try (OnnxSession session = OnnxSession.open(dir.resolve("model.onnx"), t)) {
				GridDetector onnx = new GridDetector(new OnnxPredictor(session, m, 0), design.decoder(), scale);
				GridDetector engine = new GridDetector(new EnginePredictor(net, arch), design.decoder(), scale);
				System.out.printf(Locale.ROOT, "threads %d: ONNX Runtime %.0f ms, engine %.0f ms per image (median of %d)%n", t,
						median(onnx, img, s, repeat), median(engine, img, s, repeat), repeat);
			}
		}
	}

	private static double median(GridDetector d, RgbImage img, DetectionSettings s, int repeat) {
		List<Box> warm = d.detect(img, s.scales(), s.views(), s.scoreThreshold(), s.nms());
		double[] ms = new double[repeat];
		for (int i = 0; i < repeat; i++) {
			long t0 = System.nanoTime();
			warm = d.detect(img, s.scales(), s.views(), s.scoreThreshold(), s.nms());
			ms[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(ms);
		return ms[repeat / 2];
	}
}
