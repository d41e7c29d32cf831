package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import sc.fiji.convnet.ConvNet;

/**
 * Plugins › ConvNet › Check Model: whether ONNX Runtime and the engine load a model and agree on it, and what it can
 * be used for ({@link sc.fiji.convnet.model.ModelCheck}).
 */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Check Model", description = "Inputs, outputs and tasks of a model, and whether ONNX Runtime and the engine load it and agree",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Check Model", weight = 8) }, headless = true)
public class CheckModelCommand implements Command {

	@Parameter(label = "Model (name or path)")
	private String model = sc.fiji.convnet.model.ModelTask.SEGMENTATION.defaultModel();

	@Parameter(type = ItemIO.OUTPUT, label = "Check Model")
	private String report;

	@Override
	public void run() {
		report = ConvNet.checkModel(model).text();
	}
}
