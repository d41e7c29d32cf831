package sc.fiji.convnet.commands.ij1;

import java.io.File;

import ij.IJ;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.ij.BatchSegmentation;
import sc.fiji.convnet.ij.ErrorReport;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.SegmentRequest;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Batch Segment Nuclei, its dialog generated from {@link CommandSpecs#BATCH_SEGMENT}; recorded as e.g.
 * {@code run("Batch Segment Nuclei", "input=/data/in file=*.tif output=/data/out model=nuclei channel=1 threshold=0.6 seed=0.7 ...");}
 */
public class BatchSegmentNucleiPlugin implements PlugIn {

	@Override
	public void run(String arg) {
		Values v = SpecDialog.show(CommandSpecs.BATCH_SEGMENT);
		if (v == null) return;
		try {
			String input = v.text("input"), output = v.text("output");
			if (input.isEmpty() || output.isEmpty()) throw new IllegalArgumentException("choose an input and an output folder");
			SegmentRequest request = SegmentRequest.from(v);
			sc.fiji.convnet.ij.FolderRunner.Report report = ConvNet.segmentFolder(new File(input), new File(output), v.text("file"), request.segmenter(), request.channel(),
					v.flag("overwrite"), IJ::log, new IJProgress("Batch Segment Nuclei"));
			IJ.log("Batch Segment Nuclei: " + report);
		} catch (Exception e) {
			ErrorReport.error("Batch Segment Nuclei", e.getMessage());
		}
	}
}
