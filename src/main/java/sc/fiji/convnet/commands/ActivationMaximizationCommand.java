package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.IJProgress;

/** Plugins › ConvNet › Explain › Activation Maximization: an image that a class's pre-activation likes most (Yosinski et al. 2015). */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Explain>Activation Maximization", description = "An image that maximises a class's score, grown from noise",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Explain", weight = MenuOrder.EXPLAIN), @Menu(label = "Activation Maximization", weight = 8) }, headless = true)
public class ActivationMaximizationCommand extends ImageResultCommand {

	@Parameter(label = "Classifier (engine file or .onnx)")
	private File classifier;

	@Parameter(label = "Class", min = "0")
	private int target = 0;

	@Parameter(label = "Width", min = "1")
	private int width = 64;

	@Parameter(label = "Height", min = "1")
	private int height = 64;

	@Parameter(label = "Iterations", min = "1")
	private int iterations = 200;

	@Parameter(label = "Learning rate")
	private double learning = 1;

	@Parameter(label = "L2 decay (lambda)", min = "0")
	private double l2 = 1e-3;

	@Parameter(label = "Blur every (steps, 0: never)", min = "0")
	private int blur = 4;

	@Parameter(label = "Blur sigma", min = "0")
	private double sigma = 0.5;

	@Parameter(label = "Clip smallest pixels (fraction)", min = "0", max = "0.99")
	private double clip = 0.1;

	@Override
	ImagePlus make() throws Exception {
		return ConvNet.activationMaximization(classifier.getPath(), target, height, width, iterations, learning, l2, blur, sigma, clip,
				new IJProgress(label()));
	}

	@Override
	String failure(Exception e) {
		return classifier + ": " + e.getMessage();
	}
}
