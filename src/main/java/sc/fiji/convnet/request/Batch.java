package sc.fiji.convnet.request;

/** The options every folder command shares: where images come from, which, where results go, whether to replace them. */
public final class Batch {

	public static final Option INPUT = Option.folder("input", "Input folder").aliases("input_directory").help("folder of images, or one image file");
	public static final Option FILE = Option.text("file", "File filter", "*").aliases("filter", "file_filter")
			.help("which files of the folder to process, e.g. *.tif (glob)");
	public static final Option OUTPUT = Option.folder("output", "Output folder").aliases("output_directory").help("folder for the results; created when missing");
	public static final Option OVERWRITE = Option.flag("overwrite", "Overwrite existing outputs", false).help("replace existing outputs");

	private Batch() {}

	/** A folder command: input, file filter and output first, the task's options, overwrite last. */
	public static Spec spec(String command, Spec task) {
		return Spec.of(command, INPUT, FILE, OUTPUT, task, OVERWRITE);
	}
}
