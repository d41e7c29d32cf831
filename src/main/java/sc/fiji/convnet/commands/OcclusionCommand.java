package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.SaliencyImages;

/** Plugins › ConvNet › Explain › Occlusion Sensitivity: saliency for any ONNX classifier, through ONNX Runtime. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>Occlusion Sensitivity", description = "How much a class score drops when each part of the image is hidden by a patch",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "Occlusion Sensitivity", weight = 3) }, headless = true)
public class OcclusionCommand extends LoggedCommand {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Classifier (.onnx)")
	private File classifier;

	@Parameter(label = "Patch size (pixels)", min = "1")
	private int patch = 16;

	@Parameter(label = "Stride (pixels)", min = "1")
	private int stride = 8;

	@Parameter(label = "Batch size", min = "1")
	private int batch = 16;

	@Parameter(label = "Baseline value (NaN: image mean)")
	private double baseline = Double.NaN;

	@Parameter(label = "Class (-1: top class)", min = "-1")
	private int target = -1;

	@Parameter(label = "Apply softmax to the outputs")
	private boolean softmax = true;

	@Parameter(label = "Overlay opacity (0: none)", min = "0", max = "1", stepSize = "0.1")
	private double opacity = 0.5;

	@Parameter(label = "Normalization", choices = { SaliencyImages.NORMALIZE_NONE, SaliencyImages.NORMALIZE_UNIT, SaliencyImages.NORMALIZE_ZSCORE })
	private String normalization = SaliencyImages.NORMALIZE_NONE;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus saliency;

	@Override
	void execute() throws Exception {
		saliency = ConvNet.occlusion(image, classifier.getPath(), patch, stride, batch, baseline, target, softmax, opacity, normalization,
				new IJProgress(label()));
	}

	@Override
	String failure(Exception e) {
		return image.getTitle() + ": " + e.getMessage();
	}

	@Override
	String label() {
		return "Occlusion";
	}
}
