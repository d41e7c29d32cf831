package sc.fiji.convnet.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Scores a folder of predicted box CSVs ({@code <name>_boxes.csv}) against ground truth: a folder of
 * Pascal VOC XML files ({@code <name>.xml}) or of box CSVs ({@code <name>_boxes.csv} or {@code <name>.csv}).
 * Every ground-truth image counts; a missing prediction file means no detections for that image.
 */
public final class DetectionEvaluation {

	public record Result(DetectionMetrics metrics, int images, int missingPredictions) {

		public String report() {
			StringBuilder sb = new StringBuilder();
			for (String c : metrics.classes())
				sb.append(String.format(Locale.ROOT, "%s: AP@0.50=%.4f (ground-truth boxes %d)%n", c, metrics.averagePrecision(c, 0.5), metrics.positives(c)));
			if (missingPredictions > 0) sb.append("missing predictions: ").append(missingPredictions).append(" of ").append(images).append('\n');
			sb.append(String.format(Locale.ROOT, "mAP@0.50=%.4f  AP@[.50:.95]=%.4f over %d images, classes %s%n", metrics.meanAveragePrecision(0.5),
					metrics.meanAveragePrecision50to95(), images, metrics.classes()));
			return sb.toString();
		}
	}

	private DetectionEvaluation() {}

	public static Result evaluate(Path truthDir, Path predictionDir) throws IOException {
		if (!Files.isDirectory(truthDir)) throw new IOException("Evaluate detection: ground-truth folder " + truthDir + " does not exist");
		if (!Files.isDirectory(predictionDir)) throw new IOException("Evaluate detection: prediction folder " + predictionDir + " does not exist");
		List<Path> truthFiles = new ArrayList<>();
		try (Stream<Path> s = Files.list(truthDir)) {
			s.filter(Files::isRegularFile).sorted().forEach(truthFiles::add);
		}
		DetectionMetrics metrics = new DetectionMetrics();
		int images = 0, missing = 0;
		for (Path f : truthFiles) {
			String name = f.getFileName().toString(), base;
			List<Box> truth;
			if (name.toLowerCase(Locale.ROOT).endsWith(".xml")) {
				base = name.substring(0, name.length() - 4);
				truth = VocAnnotations.read(f);
			} else if (name.endsWith(BoxCsv.SUFFIX)) {
				base = name.substring(0, name.length() - BoxCsv.SUFFIX.length());
				truth = BoxCsv.read(f);
			} else if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
				base = name.substring(0, name.length() - 4);
				truth = BoxCsv.read(f);
			} else continue;
			Path pred = predictionDir.resolve(base + BoxCsv.SUFFIX);
			List<Box> predicted = List.of();
			if (Files.isRegularFile(pred)) predicted = BoxCsv.read(pred);
			else missing++;
			metrics.add(truth, predicted);
			images++;
		}
		if (images == 0) throw new IOException("Evaluate detection: no ground truth (.xml or .csv) in " + truthDir);
		return new Result(metrics, images, missing);
	}
}
