package sc.fiji.convnet.commands.ij1;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import sc.fiji.convnet.commands.ConvolveSettings;
import sc.fiji.convnet.ij.FilterChoices;
import sc.fiji.convnet.ij.IJProgress;
import sc.fiji.convnet.ij.ImageFilters;
import sc.fiji.convnet.ij.KernelImages;

/**
 * ImageJ 1.x entry for Convolve. Recorded as, e.g.,
 * {@code run("Convolve", "text1=[-1 0 1\n-2 0 2\n-1 0 1] kernel=text padding=replicate output=same stride=1");}
 * ({@code normalize} and {@code across} are flags). {@code kernel=} names an open image whose pixels are the
 * kernel instead of the text.
 */
public class ConvolvePlugin implements PlugIn {

	static final String COMMAND = "Convolve";
	private static final String FROM_TEXT = "text";
	private static final ConvolveSettings LAST = new ConvolveSettings();

	@Override
	public void run(String arg) {
		ImagePlus imp = FilterRun.currentImage(COMMAND);
		if (imp == null) return;
		GenericDialog gd = new GenericDialog(COMMAND);
		LAST.addKernelTo(gd);
		gd.addChoice("Kernel from", kernelSources(imp), FROM_TEXT);
		LAST.addOptionsTo(gd);
		gd.addHelp(FilterRun.help(COMMAND));
		gd.showDialog();
		if (gd.wasCanceled()) return;
		FilterRun.show(COMMAND, imp, () -> {
			LAST.readKernelFrom(gd);
			String source = gd.getNextChoice();
			LAST.readOptionsFrom(gd);
			IJProgress progress = new IJProgress(COMMAND);
			if (FROM_TEXT.equals(source)) return LAST.run(imp, progress);
			ImagePlus kernelImage = WindowManager.getImage(source);
			if (kernelImage == null) throw new IllegalArgumentException("no open image '" + source + "' to take the kernel from");
			return ImageFilters.convolve(imp, KernelImages.kernel(kernelImage.getProcessor()), LAST.normalize,
					FilterChoices.padding(LAST.padding), FilterChoices.outputSize(LAST.output), LAST.stride, LAST.acrossChannels, progress);
		});
	}

	/** "text", then every other open image (its pixels would be the kernel). */
	private static String[] kernelSources(ImagePlus imp) {
		List<String> s = new ArrayList<>(List.of(FROM_TEXT));
		int[] ids = WindowManager.getIDList();
		if (ids != null)
			for (int id : ids) {
				ImagePlus other = WindowManager.getImage(id);
				if (other != null && other != imp) s.add(other.getTitle());
			}
		return s.toArray(new String[0]);
	}
}
