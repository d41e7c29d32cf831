package sc.fiji.convnet.commands.ij1;

import ij.IJ;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;

/** ImageJ 1.x entry for Diagnostics: the report goes to the Log window (standard output in batch mode). */
public class DiagnosticsPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		IJ.log(ConvNet.diagnostics());
	}
}
