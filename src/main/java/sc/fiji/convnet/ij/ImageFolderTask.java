package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;

import sc.fiji.convnet.predict.Progress;

/**
 * What the batch tasks over a folder of images share: the run through the {@link FolderRunner} with their overwrite
 * rule and log, and each image's steps reported where the caller wants them, stopped by the folder run's Esc too.
 */
abstract class ImageFolderTask<T extends ImageFolderTask<T>> implements FolderRunner.Task {

	protected final boolean overwrite;
	protected final Consumer<String> log;
	private Function<String, Progress> imageSteps = name -> Progress.NONE;
	private volatile Progress folderProgress = Progress.NONE;

	ImageFolderTask(boolean overwrite, Consumer<String> log) {
		this.overwrite = overwrite;
		this.log = log;
	}

	/** @param input a folder or one image file; @param fileFilter a glob such as {@code *.tif} (empty or null: every file) */
	public FolderRunner.Report run(File input, File outputDir, String fileFilter, Progress progress) throws IOException {
		folderProgress = progress;
		return FolderRunner.over(input).output(outputDir).filter(fileFilter).overwrite(overwrite).log(log).progress(progress).run(this);
	}

	/**
	 * Where each image's steps go (e.g. {@code name -> new LineProgress(name, out::println)} on the command line);
	 * by default nowhere. Esc of the folder run stops inside an image too.
	 */
	@SuppressWarnings("unchecked")
	public T imageSteps(Function<String, Progress> steps) {
		this.imageSteps = steps;
		return (T) this;
	}

	/** The progress of one image's steps. */
	protected Progress steps(FolderRunner.Item item) { return imageSteps.apply(item.name()).cancelledAlsoBy(folderProgress); }
}
