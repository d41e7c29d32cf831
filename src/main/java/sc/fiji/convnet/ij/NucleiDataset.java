package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import sc.fiji.convnet.segment.train.NucleiSample;
import sc.fiji.convnet.segment.LabelImage;

/**
 * The nuclei data set of {@code ../shared/data/nuclei-dsb2018}: {@code images/<id>.png},
 * {@code labels/<id>.tif} and {@code split.csv} (id, split, height, width, n_nuclei).
 */
public final class NucleiDataset {

	private NucleiDataset() {}

	public static List<NucleiSample> load(Path root, String split) throws IOException {
		Path csv = root.resolve("split.csv");
		if (!Files.isRegularFile(csv)) throw new IOException(csv + " not found: is " + root + " the nuclei-dsb2018 folder?");
		List<NucleiSample> samples = new ArrayList<>();
		List<String> lines = Files.readAllLines(csv);
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			if (f.length < 2 || !f[1].trim().equals(split)) continue;
			String id = f[0].trim();
			samples.add(read(root, id));
		}
		if (samples.isEmpty()) throw new IOException(csv + " lists no images for split '" + split + "'");
		return samples;
	}

	private static ImagePlus opened(File f) throws IOException {
		try {
			return ImageFiles.open(f);
		} catch (IOException e) {
			throw new IOException(f + ": " + e.getMessage(), e);
		}
	}

	static NucleiSample read(Path root, String id) throws IOException {
		File image = root.resolve("images").resolve(id + ".png").toFile();
		File labels = root.resolve("labels").resolve(id + ".tif").toFile();
		ImagePlus imp = opened(image), lab = opened(labels);
		if (imp.getWidth() != lab.getWidth() || imp.getHeight() != lab.getHeight())
			throw new IOException(id + ": image " + imp.getWidth() + "×" + imp.getHeight() + " and labels " + lab.getWidth() + "×" + lab.getHeight() + " differ");
		ImageProcessor lp = lab.getProcessor();
		int n = lp.getPixelCount();
		int[] l = new int[n];
		int max = 0;
		for (int i = 0; i < n; i++) { l[i] = (int) lp.getf(i); max = Math.max(max, l[i]); }
		return new NucleiSample(id, imp.getWidth(), imp.getHeight(), PlaneReader.floats(imp, 1), new LabelImage(imp.getWidth(), imp.getHeight(), l, max));
	}
}
