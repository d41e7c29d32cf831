package sc.fiji.convnet.commands;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Menu;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import sc.fiji.convnet.ConvNet;

/** Plugins › ConvNet › Diagnostics: Java, ONNX Runtime natives, vector kernels, threads, heap. */
@Plugin(type = Command.class, menuPath = "Plugins>ConvNet>Diagnostics", description = "Java, ONNX Runtime, vector kernels, threads, heap, and the models of each task",
		menu = { @Menu(label = "Plugins"), @Menu(label = "ConvNet"), @Menu(label = "Diagnostics", weight = 9) }, headless = true)
public class DiagnosticsCommand implements Command {

	@Parameter(type = ItemIO.OUTPUT, label = "ConvNet diagnostics")
	private String report;

	@Override
	public void run() {
		report = ConvNet.diagnostics();
	}
}
