package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import sc.fiji.convnet.ij.NetworkPictures;
import sc.fiji.convnet.ij.SaliencyImages;

/** Plugins › ConvNet › Explain › Adversarial Example (FGSM): x' = x + ε·sign(∇ₓE) (eq. 10.11). */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>Adversarial Example (FGSM)", description = "A small perturbation that changes a classifier's answer (fast gradient sign method)",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "Adversarial Example (FGSM)", weight = 6) }, headless = true)
public class FgsmCommand extends LoggedCommand {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(label = "Classifier (engine file or .onnx)")
	private File classifier;

	@Parameter(label = "Epsilon (image units)", min = "0")
	private double epsilon = 0.01;

	@Parameter(label = "True class (-1: predicted)", min = "-1")
	private int target = -1;

	@Parameter(label = "Normalization", choices = { SaliencyImages.NORMALIZE_NONE, SaliencyImages.NORMALIZE_UNIT, SaliencyImages.NORMALIZE_ZSCORE })
	private String normalization = SaliencyImages.NORMALIZE_NONE;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus adversarial;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus perturbation;

	@Parameter(type = ItemIO.OUTPUT)
	private ResultsTable probabilities;

	@Override
	void execute() throws Exception {
		NetworkPictures.FgsmOutput out = NetworkPictures.fgsm(image, classifier.getPath(), epsilon, target, normalization, new sc.fiji.convnet.ij.IJProgress(label()));
		adversarial = sc.fiji.convnet.ij.ResultWindows.name(out.adversarial());
		perturbation = sc.fiji.convnet.ij.ResultWindows.name(out.perturbation());
		probabilities = out.probabilities();
	}

	@Override
	String failure(Exception e) {
		return image.getTitle() + ": " + e.getMessage();
	}

	@Override
	String label() {
		return "FGSM";
	}
}
