package sc.fiji.convnet.cli;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import sc.fiji.convnet.ij.ImageClassification;
import sc.fiji.convnet.ij.BatchClassification;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.io.BatchJournal;
import sc.fiji.convnet.model.ModelRepository;

/** {@code bin/convnet classify}: the top-k classes of every image of a folder, one CSV row per image. */
final class ClassifyCli {

	private ClassifyCli() {}

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet classify --input DIR|FILE --output FILE.csv [options]",
			"",
			"The top-k classes with their probabilities of every image of DIR (or of one image), as Plugins > ConvNet > Classify",
			"gives them for a whole image: one row per image (Label, X, Y, Width, Height, Class 1, Index 1, P 1, ...).",
			"Non-images are reported; results are kept per image in the folder's journal, so a rerun classifies only new or",
			"changed images and rewrites the table whole. A table this command did not write is kept unless --overwrite.",
			"",
			"Options:",
			"  --input DIR|FILE       folder of images, or one image file (required)",
			"  --output FILE          the CSV table to write (required)",
			"  --model NAME|PATH      classifier: a model name, folder, engine network file or .onnx (default: " + ConvNetCli.CLASSIFIER + ")",
			"  --filter GLOB          which files of the folder to classify, e.g. '*.jpg' (default: every file)",
			"  --top K                how many classes per image (default: 3)",
			"  --normalization MODE   value/255, none, 0-1 or zscore (default: value/255, the shipped classifier's input)",
			"  --overwrite            replace a table this command did not write; redo every image",
			"");

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, Set.of("input", "output", "model", "filter", "top", "normalization"), Set.of("overwrite", "help"));
		if (o.flag("help")) { out.print(USAGE); return 0; }
		File input = new File(o.require("input"));
		if (!input.exists()) throw new Options.UsageException("--input " + input + " does not exist");
		Path table = Path.of(o.require("output")).toAbsolutePath();
		if (Files.exists(table) && !o.flag("overwrite") && !ourTable(table))
			throw new java.io.IOException(table + " exists; add --overwrite to replace it");
		int k = o.integer("top", 3);
		if (k < 1) throw new Options.UsageException("--top must be at least 1");
		String normalization = o.get("normalization", ImageClassification.NORMALIZE_DIVIDE_255);
		if (normalization.equals("zscore")) normalization = sc.fiji.convnet.ij.SaliencyImages.NORMALIZE_ZSCORE;
		BatchClassification task = new BatchClassification(ModelRepository.standard().find(o.get("model", ConvNetCli.CLASSIFIER)), k, normalization,
				table.getFileName().toString());
		FolderRunner.Report r = FolderRunner.over(input).output(table.getParent().toFile()).filter(o.get("filter", null)).overwrite(o.flag("overwrite"))
				.log(out::println).run(task);
		out.println("classify: " + r);
		return r.exitCode();
	}

	/** A table an earlier classify run wrote (its folder's journal records it): a rerun brings it up to date. */
	private static boolean ourTable(Path table) throws java.io.IOException {
		return BatchJournal.open(table.getParent()).outputNames().contains(table.getFileName().toString());
	}
}
