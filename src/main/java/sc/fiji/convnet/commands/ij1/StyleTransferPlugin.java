package sc.fiji.convnet.commands.ij1;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.explain.StyleTransfer;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.SaliencyImages;

/**
 * ImageJ 1.x entry for Style Transfer: the current image is the content, the style image is chosen among the open
 * images by title. Recorded as
 * {@code run("Style Transfer", "style=[van gogh.tif] network=/m.onnx content=relu3 gram=[relu1:0.5, relu2:1] alpha=1 beta=100000 smoothness=10 iterations=200 learning=0.02 normalization=0-1");}
 * ({@code style=} is the style image's window title; {@code gram=} the style layers as name:weight, whose Gram matrices
 * carry the style; add {@code start} to start from noise instead of the content image).
 */
public class StyleTransferPlugin implements PlugIn {

	static final String COMMAND = "Style Transfer";
	private static String style = "", model = "", contentLayer = "", styleLayers = "", normalization = SaliencyImages.NORMALIZE_UNIT;
	private static double alpha = StyleTransfer.DEFAULT_ALPHA, beta = StyleTransfer.DEFAULT_BETA, smoothness = StyleTransfer.DEFAULT_SMOOTHNESS,
			learningRate = StyleTransfer.DEFAULT_LEARNING_RATE;
	private static int iterations = StyleTransfer.DEFAULT_ITERATIONS;
	private static boolean fromNoise = false;

	@Override
	public void run(String arg) {
		ImagePlus content = FilterRun.currentImage(COMMAND);
		if (content == null) return;
		String[] titles = WindowManager.getImageTitles();
		GenericDialog gd = new GenericDialog(COMMAND);
		gd.addMessage("Content: " + content.getTitle());
		gd.addChoice("Style image", titles, defaultStyle(titles, content.getTitle()));
		gd.addFileField("Network", model, 40);
		gd.addStringField("Content layer", contentLayer, 16);
		gd.addStringField("Gram layers of the style (name:weight, …)", styleLayers, 24);
		gd.addNumericField("Alpha (content weight)", alpha, 3);
		gd.addNumericField("Beta (style weight)", beta, 0);
		gd.addNumericField("Smoothness (gamma)", smoothness, 3);
		gd.addNumericField("Iterations", iterations, 0);
		gd.addNumericField("Learning rate (Adam)", learningRate, 4);
		gd.addCheckbox("Start from noise", fromNoise);
		gd.addChoice("Normalization", SaliencyImages.NORMALIZATIONS, normalization);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		style = gd.getNextChoice();
		model = gd.getNextString();
		contentLayer = gd.getNextString();
		styleLayers = gd.getNextString();
		alpha = gd.getNextNumber();
		beta = gd.getNextNumber();
		smoothness = gd.getNextNumber();
		iterations = (int) gd.getNextNumber();
		learningRate = gd.getNextNumber();
		fromNoise = gd.getNextBoolean();
		normalization = gd.getNextChoice();
		boolean invalid = gd.invalidNumber();
		ImagePlus styleImage = WindowManager.getImage(style);
		FilterRun.show(COMMAND, content, () -> {
			if (styleImage == null) throw new IllegalArgumentException("no open image is titled '" + style + "' (the style image)");
			if (invalid || iterations < 1) throw new IllegalArgumentException(iterations + " iterations: weights must be numbers and iterations ≥ 1");
			try {
				return ConvNet.styleTransfer(content, styleImage, model, contentLayer, styleLayers, alpha, beta, smoothness, iterations, learningRate, fromNoise, normalization,
						new IJProgress(COMMAND));
			} catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e.getMessage(), e); // the message alone, not "java.io.IOException: …"
			}
		});
	}

	/** The last style image when it is still open, else the first image that is not the content. */
	private static String defaultStyle(String[] titles, String content) {
		for (String t : titles) if (t.equals(style)) return t;
		for (String t : titles) if (!t.equals(content)) return t;
		return content;
	}
}
