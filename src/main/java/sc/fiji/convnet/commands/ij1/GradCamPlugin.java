package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.ImageSaliency;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.SaliencyRequest;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x entry for Grad-CAM, its dialog generated from {@link CommandSpecs#GRAD_CAM}; recorded as
 * {@code run("Grad-CAM", "classifier=bccd-classifier layer=[] target=-1 opacity=0.5 normalization=0-1");} (the old key
 * {@code class=} is still read). An empty layer is the last convolutional layer.
 */
public class GradCamPlugin implements PlugIn {

	static final String COMMAND = "Grad-CAM";

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		Values v = SpecDialog.show(CommandSpecs.GRAD_CAM);
		if (v == null) return;
		FilterRun.show(COMMAND, imp, () -> {
			SaliencyRequest r = SaliencyRequest.from(v);
			ImagePlus map = ImageSaliency.gradCam(imp, r.classifier(), r.layer(), r.classIndex(), r.opacity(), r.normalization(), new IJProgress(COMMAND));
			imp.updateAndDraw();
			return map;
		});
	}
}
