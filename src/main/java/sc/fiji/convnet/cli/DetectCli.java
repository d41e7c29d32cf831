package sc.fiji.convnet.cli;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

import sc.fiji.convnet.detect.DetectionEvaluation;
import sc.fiji.convnet.detect.Detector;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.ij.BatchDetection;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.request.Batch;
import sc.fiji.convnet.request.DetectRequest;
import sc.fiji.convnet.request.Spec;
import sc.fiji.convnet.request.Values;

/** {@code bin/convnet detect} and {@code bin/convnet evaluate-detection}. */
final class DetectCli {

	private DetectCli() {}

	/** The options of {@code detect}: the batch folder options around {@link DetectRequest#SPEC}. */
	static final Spec DETECT = Batch.spec("detect", DetectRequest.SPEC);

	static final String DETECT_USAGE = String.join("\n",
			"Usage: bin/convnet detect --input DIR|FILE --output DIR [options]",
			"",
			"Writes <image>_boxes.csv (class,score,x,y,width,height; pixels, top-left corner) per image and counts.csv",
			"(objects per class and image, rebuilt at the end of every run) into the output folder. Non-images are reported;",
			"images the journal shows up to date are skipped unless --overwrite is given. The options are Detect Objects' macro keys with two dashes",
			"(--filter and --class-agnostic are still accepted).",
			"",
			"Options:",
			DETECT.cliUsage() + ConvNetCli.COMMON_USAGE);

	static int detect(String[] args, PrintStream out, PrintStream err) throws Exception {
		Options o = Options.of(args, DETECT, Set.of(), Set.of());
		if (o.flag("help")) { out.print(DETECT_USAGE); return ConvNetCli.OK; }
		File input = new File(o.require("input")), output = new File(o.require("output"));
		Values v = o.values(DETECT);
		DetectRequest r = Options.request(() -> DetectRequest.from(v));
		BatchDetection batch = BatchDetection.of(r, v.flag("overwrite"), out::println).imageSteps(name -> new sc.fiji.convnet.predict.LineProgress(name, out::println));
		out.println("detect: " + batch.detector().describe());
		String filter = v.text("file");
		FolderRunner.Report report = batch.run(input, output, filter.equals("*") ? null : filter, Progress.NONE);
		out.println("detect: " + report);
		return report.exitCode();
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
