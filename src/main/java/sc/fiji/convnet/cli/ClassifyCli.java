package sc.fiji.convnet.cli;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import ij.measure.ResultsTable;
import sc.fiji.convnet.ij.ImageClassification;
import sc.fiji.convnet.io.AtomicFiles;
import sc.fiji.convnet.request.Batch;
import sc.fiji.convnet.request.ClassifyRequest;
import sc.fiji.convnet.request.Option;
import sc.fiji.convnet.request.Spec;
import sc.fiji.convnet.request.Values;

/** {@code bin/convnet classify}: the top-k classes of every image of a folder, one CSV row per image. */
final class ClassifyCli {

	private ClassifyCli() {}

	/** The options of {@code classify}: folder options around {@link ClassifyRequest#SPEC} (whole images only). */
	static final Spec SPEC = Spec.of("classify", Batch.INPUT, Batch.FILE, Option.file("output", "Output table (CSV)", "").help("the CSV table to write"),
			ClassifyRequest.SPEC.without("classify", "window", "stride"), Batch.OVERWRITE);

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet classify --input DIR|FILE --output FILE.csv [options]",
			"",
			"The top-k classes with their probabilities of every image of DIR (or of one image), as Plugins > ConvNet > Classify",
			"gives them for a whole image: one row per image (Label, X, Y, Width, Height, Class 1, Index 1, P 1, ...).",
			"Non-images are reported and skipped; an existing table is kept unless --overwrite is given.",
			"The options are Classify's macro keys with two dashes (--model and --filter are still accepted; zscore for the z-score).",
			"",
			"Options:",
			SPEC.cliUsage() + ConvNetCli.COMMON_USAGE);

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = Options.of(args, SPEC, Set.of(), Set.of());
		if (o.flag("help")) { out.print(USAGE); return ConvNetCli.OK; }
		File input = new File(o.require("input"));
		if (!input.exists()) throw new Options.UsageException("--input " + input + " does not exist");
		Path table = Path.of(o.require("output"));
		Values v = o.values(SPEC);
		if (Files.exists(table) && !v.flag("overwrite")) throw new java.io.IOException(table + " exists; add --overwrite to replace it");
		ClassifyRequest r = Options.request(() -> ClassifyRequest.from(o.values(ClassifyRequest.SPEC)));
		String filter = v.text("file");
		ResultsTable t = ImageClassification.folder(input, filter.equals("*") ? null : filter, r.classifier(), r.top(), r.normalization(), out::println);
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
		return ConvNetCli.OK;
	}
}
