package sc.fiji.convnet.cli;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import ij.measure.ResultsTable;
import sc.fiji.convnet.ij.ImageClassification;
import sc.fiji.convnet.io.AtomicFiles;

/** {@code bin/convnet classify}: the top-k classes of every image of a folder, one CSV row per image. */
final class ClassifyCli {

	private ClassifyCli() {}

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet classify --input DIR|FILE --output FILE.csv [options]",
			"",
			"The top-k classes with their probabilities of every image of DIR (or of one image), as Plugins > ConvNet > Classify",
			"gives them for a whole image: one row per image (Label, X, Y, Width, Height, Class 1, Index 1, P 1, ...).",
			"Non-images are reported and skipped; an existing table is kept unless --overwrite is given.",
			"",
			"Options:",
			"  --input DIR|FILE       folder of images, or one image file (required)",
			"  --output FILE          the CSV table to write (required)",
			"  --model NAME|PATH      classifier: a model name, folder, engine network file or .onnx (default: " + ConvNetCli.CLASSIFIER + ")",
			"  --filter GLOB          which files of the folder to classify, e.g. '*.jpg' (default: every file)",
			"  --top K                how many classes per image (default: 3)",
			"  --normalization MODE   value/255, none, 0-1 or zscore (default: value/255, the shipped classifier's input)",
			"  --overwrite            replace an existing table",
			"");

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, Set.of("input", "output", "model", "filter", "top", "normalization"), Set.of("overwrite", "help"));
		if (o.flag("help")) { out.print(USAGE); return 0; }
		File input = new File(o.require("input"));
		if (!input.exists()) throw new Options.UsageException("--input " + input + " does not exist");
		Path table = Path.of(o.require("output"));
		if (Files.exists(table) && !o.flag("overwrite")) throw new java.io.IOException(table + " exists; add --overwrite to replace it");
		int k = o.integer("top", 3);
		if (k < 1) throw new Options.UsageException("--top must be at least 1");
		String normalization = o.get("normalization", ImageClassification.NORMALIZE_DIVIDE_255);
		if (normalization.equals("zscore")) normalization = sc.fiji.convnet.ij.SaliencyImages.NORMALIZE_ZSCORE;
		ResultsTable t = ImageClassification.folder(input, o.get("filter", null), o.get("model", ConvNetCli.CLASSIFIER), k, normalization, out::println);
		t.setPrecision(9);
		AtomicFiles.write(table, stream -> { // ImageJ's CSV (quoting included), renamed into place only when complete
			Path csv = Files.createTempFile("convnet-classify", ".csv");
			try {
				if (!t.save(csv.toString())) throw new java.io.IOException("cannot write the table " + csv);
				Files.copy(csv, stream);
			} finally {
				Files.deleteIfExists(csv);
			}
		});
		out.println("classify: " + t.size() + " images classified into " + table);
		return 0;
	}
}
