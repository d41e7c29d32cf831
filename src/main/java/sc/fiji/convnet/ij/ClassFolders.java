package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.detect.train.DetectionSample;

/**
 * A folder with one subfolder of images per class (the subfolder's name is the class) as annotated samples for a
 * classifier: each image one box of its class over the whole image, read as Classify reads it (RGB, or grey in three
 * channels).
 */
public final class ClassFolders {

	private ClassFolders() {}

	/**
	 * The images of every subfolder of {@code root}; files that are not images or do not open are reported to
	 * {@code log} and left out.
	 *
	 * @throws IOException when the folder holds no subfolder with images
	 */
	public static List<DetectionSample> read(File root, Consumer<String> log) throws IOException {
		if (!root.isDirectory()) throw new IOException("images folder " + root + " does not exist");
		File[] classes = root.listFiles(f -> f.isDirectory() && !f.getName().startsWith("."));
		if (classes == null) classes = new File[0];
		Arrays.sort(classes);
		List<DetectionSample> out = new ArrayList<>();
		for (File folder : classes) {
			int before = out.size();
			for (File image : AnnotatedImages.sorted(folder)) {
				if (!ImageFiles.looksLikeImage(image)) continue;
				try {
					RgbImage rgb = DetectionImages.toRgb(ImageFiles.open(image));
					out.add(new DetectionSample(folder.getName() + "/" + image.getName(), rgb,
							List.of(new Box(folder.getName(), 1, 0, 0, rgb.width(), rgb.height()))));
				} catch (IOException | RuntimeException e) {
					log.accept(folder.getName() + "/" + image.getName() + ": left out: " + e.getMessage());
				}
			}
			int n = out.size() - before;
			log.accept("class " + folder.getName() + ": " + n + (n == 1 ? " image" : " images"));
		}
		if (out.isEmpty()) throw new IOException(root + " holds no subfolder of images (one subfolder per class, named by the class)");
		return out;
	}
}
