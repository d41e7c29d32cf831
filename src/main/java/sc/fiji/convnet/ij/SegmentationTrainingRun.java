package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;

import sc.fiji.convnet.engine.optim.HoldOut;
import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.request.TrainSegmentationRequest;
import sc.fiji.convnet.segment.train.NucleiSample;
import sc.fiji.convnet.segment.train.SegmentationTrainer;

/**
 * Train Segmentation Model from ImageJ: gathers the annotated images the request names (folders, or the open images
 * with their ROIs), holds some out for validation and trains. Menu command, macro, Jython and command line all run this.
 */
public final class SegmentationTrainingRun {

	private SegmentationTrainingRun() {}

	public static SegmentationTrainer.Result run(TrainSegmentationRequest r, PrintStream log, TrainingLoop.Monitor monitor) throws IOException {
		r.checkFolders();
		List<NucleiSample> annotated = r.images().isEmpty() ? openImages(r.channel(), log)
				: AnnotatedImages.fromFolders(new File(r.images()), new File(r.labels()), r.channel(), line -> log.println("train-segmentation: " + line));
		List<NucleiSample> given = r.valimages().isEmpty() ? null
				: AnnotatedImages.fromFolders(new File(r.valimages()), new File(r.vallabels()), r.channel(), line -> log.println("train-segmentation: " + line));
		List<List<NucleiSample>> split = HoldOut.split(annotated, given, r.holdout(), r.seed());
		return SegmentationTrainer.train(r.job(), r.augment(), split.get(0), split.get(1), r.fromScratch() ? List.of() : replayImages(log), log, monitor);
	}

	/**
	 * The plugin's own fluorescence sample (bioimage.io example, MIT), which fine-tuning rehearses; none, with a
	 * warning in the log (the model may then forget), when it cannot be read.
	 */
	static List<NucleiSample> replayImages(PrintStream log) {
		java.net.URL url = SegmentationTrainingRun.class.getResource(REPLAY);
		if (url == null) {
			log.println("train-segmentation: warning: the rehearsal image " + REPLAY + " is missing from the plugin; fine-tuning without it");
			return List.of();
		}
		java.nio.file.Path copy = null;
		try (java.io.InputStream in = url.openStream()) {
			copy = java.nio.file.Files.createTempFile("convnet-replay", ".tif");
			java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			ImagePlus imp = ImageFiles.open(copy.toFile());
			return List.of(new NucleiSample("replay", imp.getWidth(), imp.getHeight(), PlaneReader.floats(imp, 1),
					sc.fiji.convnet.segment.LabelImage.empty(imp.getWidth(), imp.getHeight())));
		} catch (IOException e) {
			log.println("train-segmentation: warning: the rehearsal image " + REPLAY + " cannot be read (" + e.getMessage() + "); fine-tuning without it");
			return List.of();
		} finally {
			if (copy != null) copy.toFile().delete();
		}
	}

	private static final String REPLAY = "/replay/nuclei_fluo_16bit_offset.tif";

	/** Every open image with area ROIs in its overlay; the current image may take the ROI Manager's instead. */
	static List<NucleiSample> openImages(int channel, PrintStream log) throws IOException {
		List<NucleiSample> out = new ArrayList<>();
		for (OpenImageRois.Annotated a : OpenImageRois.all()) {
			NucleiSample s = AnnotatedImages.fromRois(a.image(), a.rois(), channel);
			if (s == null) continue;
			log.printf("train-segmentation: %s: %d nuclei in a %d×%d region%n", a.image().getTitle(), s.labels().count(), s.width(), s.height());
			out.add(s);
		}
		if (out.isEmpty())
			throw new IOException("no open image has ROIs: outline nuclei (overlay, or the ROI Manager for the current image), or give images and labels folders");
		return out;
	}
}
