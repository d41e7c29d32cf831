package sc.fiji.convnet.cli;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

import sc.fiji.convnet.detect.DetectionEvaluation;
import sc.fiji.convnet.detect.DetectionModels;
import sc.fiji.convnet.detect.DetectionSettings;
import sc.fiji.convnet.ij.BatchDetection;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.predict.Progress;

/** {@code bin/convnet detect} and {@code bin/convnet evaluate-detection}. */
final class DetectCli {

	private DetectCli() {}

	static final String DETECT_USAGE = String.join("\n",
			"Usage: bin/convnet detect --input DIR|FILE --output DIR [options]",
			"",
			"Writes <image>_boxes.csv (class,score,x,y,width,height; pixels, top-left corner) per image and counts.csv",
			"(objects per class and image, rebuilt at the end of every run) into the output folder. Non-images are reported;",
			"images the journal shows up to date are skipped unless --overwrite is given.",
			"",
			"Options:",
			"  --input DIR|FILE   folder of images, or one image file (required)",
			"  --output DIR       folder for the results; created when missing (required)",
			"  --model NAME|PATH  a shipped or installed model's name, or a model folder/description (default: " + DetectionModels.DEFAULT_MODEL + ")",
			"  --decoder KIND     grid, n6 or boxes_scores, overriding the model description",
			"  --filter GLOB      which files of the folder to process (default: every file)",
			"  --scales LIST      scales to run at, e.g. 0.8,1,1.25 (default: 1)",
			"  --score P          score threshold (default: 0.3)",
			"  --iou T            IoU threshold of non-max suppression (default: 0.45)",
			"  --class-agnostic   suppress overlapping boxes across classes",
			"  --overwrite        redo every image, even those the journal shows up to date",
			"");

	static int detect(String[] args, PrintStream out, PrintStream err) throws Exception {
		Options o = new Options(args, 1, Set.of("input", "output", "model", "decoder", "filter", "scales", "score", "iou"),
				Set.of("class-agnostic", "overwrite", "help"));
		if (o.flag("help")) { out.print(DETECT_USAGE); return 0; }
		DetectionSettings s = new DetectionSettings(DetectionSettings.parseScales(o.get("scales", "1")), o.number("score", 0.3), o.number("iou", 0.45),
				o.flag("class-agnostic"));
		BatchDetection batch = BatchDetection.of(o.get("model", DetectionModels.DEFAULT_MODEL), o.get("decoder", null), s, o.flag("overwrite"), out::println);
		out.println("detect: " + batch.detector().describe());
		FolderRunner.Report r = batch.run(new File(o.require("input")), new File(o.require("output")), o.get("filter", null), Progress.NONE);
		out.println("detect: " + r);
		return r.exitCode();
	}

	static final String EVALUATE_USAGE = String.join("\n",
			"Usage: bin/convnet evaluate-detection --truth DIR --predictions DIR",
			"",
			"Pascal VOC AP@0.5 per class (all-point interpolation), their mean, and AP@[.5:.95], of <image>_boxes.csv",
			"predictions against ground truth given as VOC XML (<image>.xml) or box CSVs.",
			"");

	static int evaluate(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, Set.of("truth", "predictions"), Set.of("help"));
		if (o.flag("help")) { out.print(EVALUATE_USAGE); return 0; }
		out.print(DetectionEvaluation.evaluate(Path.of(o.require("truth")), Path.of(o.require("predictions"))).report());
		return 0;
	}
}
