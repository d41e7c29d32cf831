package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;
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
		List<NucleiSample> train, val;
		if (!r.valimages().isEmpty()) {
			train = annotated;
			val = AnnotatedImages.fromFolders(new File(r.valimages()), new File(r.vallabels()), r.channel(), line -> log.println("train-segmentation: " + line));
		} else {
			List<List<NucleiSample>> split = SegmentationTrainer.holdOut(annotated, r.holdout(), r.seed());
			train = split.get(0);
			val = split.get(1);
		}
		return SegmentationTrainer.train(r, train, val, log, monitor);
	}

	/** Every open image with area ROIs in its overlay; the current image may take the ROI Manager's instead. */
	static List<NucleiSample> openImages(int channel, PrintStream log) throws IOException {
		List<NucleiSample> out = new ArrayList<>();
		int[] ids = WindowManager.getIDList();
		ImagePlus current = WindowManager.getCurrentImage();
		for (int id : ids == null ? new int[0] : ids) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp == null) continue;
			Roi[] rois = AnnotatedImages.overlayRois(imp);
			if (rois.length == 0 && imp == current && RoiManager.getInstance() != null) rois = RoiManager.getInstance().getRoisAsArray();
			NucleiSample s = AnnotatedImages.fromRois(imp, rois, channel);
			if (s == null) continue;
			log.printf("train-segmentation: %s: %d nuclei in a %d×%d region%n", imp.getTitle(), s.labels().count(), s.width(), s.height());
			out.add(s);
		}
		if (out.isEmpty())
			throw new IOException("no open image has ROIs: outline nuclei (overlay, or the ROI Manager for the current image), or give images and labels folders");
		return out;
	}
}
