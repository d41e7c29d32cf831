package sc.fiji.convnet.cli;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import sc.fiji.convnet.ij.ImageClassification;
import sc.fiji.convnet.io.AtomicFiles;
import sc.fiji.convnet.request.Batch;
import sc.fiji.convnet.request.ClassifyRequest;
import sc.fiji.convnet.request.Option;
import sc.fiji.convnet.request.Spec;
import sc.fiji.convnet.request.Values;
import sc.fiji.convnet.ij.BatchClassification;
import sc.fiji.convnet.ij.FolderRunner;
import sc.fiji.convnet.io.BatchJournal;
import sc.fiji.convnet.model.ModelRepository;

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
			"Non-images are reported; results are kept per image in the folder's journal, so a rerun classifies only new or",
			"changed images and rewrites the table whole. A table this command did not write is kept unless --overwrite.",
			"The options are Classify's macro keys with two dashes (--model and --filter are still accepted; zscore for the z-score).",
			"",
			"Options:",
			SPEC.cliUsage() + ConvNetCli.COMMON_USAGE);

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = Options.of(args, SPEC, Set.of(), Set.of());
		if (o.flag("help")) { out.print(USAGE); return ConvNetCli.OK; }
		File input = new File(o.require("input"));
		if (!input.exists()) throw new Options.UsageException("--input " + input + " does not exist");
		Path table = Path.of(o.require("output")).toAbsolutePath();
		Values v = o.values(SPEC);
		if (Files.exists(table) && !v.flag("overwrite") && !ourTable(table))
			throw new java.io.IOException(table + " exists; add --overwrite to replace it");
		ClassifyRequest r = Options.request(() -> ClassifyRequest.from(o.values(ClassifyRequest.SPEC)));
		String filter = v.text("file");
		BatchClassification task = new BatchClassification(ModelRepository.standard().find(r.classifier()), r.top(), r.normalization(),
				table.getFileName().toString());
		FolderRunner.Report report = FolderRunner.over(input).output(table.getParent().toFile()).filter(filter.equals("*") ? null : filter)
				.overwrite(v.flag("overwrite")).log(out::println).run(task);
		out.println("classify: " + report);
		return report.exitCode();
	}

	/** A table an earlier classify run wrote (its folder's journal records it): a rerun brings it up to date. */
	private static boolean ourTable(Path table) throws java.io.IOException {
		return BatchJournal.open(table.getParent()).outputNames().contains(table.getFileName().toString());
	}
}
