package sc.fiji.convnet.ij;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import sc.fiji.convnet.detect.VocAnnotations;
import sc.fiji.convnet.detect.train.DetectionSample;

/**
 * A folder of images with a folder of Pascal VOC XML files matched by name ({@code a.jpg} with {@code a.xml}) as
 * annotated samples; the classes are the objects' names. Images are read as Detect Objects reads them.
 */
public final class VocFolders {

	private VocFolders() {}

	/**
	 * Every image of {@code images} that has an XML file in {@code annotations}; images without one are reported to
	 * {@code log} and left out, as are files that do not open. An XML file without objects is an image without any.
	 *
	 * @throws IOException naming the folders when no image has annotations
	 */
	public static List<DetectionSample> read(File images, File annotations, Consumer<String> log) throws IOException {
		if (!images.isDirectory()) throw new IOException("images folder " + images + " does not exist");
		if (!annotations.isDirectory()) throw new IOException("annotations folder " + annotations + " does not exist");
		List<DetectionSample> out = new ArrayList<>();
		for (File image : AnnotatedImages.sorted(images)) {
			if (!ImageFiles.looksLikeImage(image)) continue;
			File xml = xmlOf(image, annotations);
			if (xml == null) {
				log.accept("no annotation " + AnnotatedImages.base(image.getName()) + ".xml for " + image.getName() + " in " + annotations + ": left out");
				continue;
			}
			try {
				out.add(new DetectionSample(AnnotatedImages.base(image.getName()), DetectionImages.toRgb(ImageFiles.open(image)), VocAnnotations.read(xml.toPath())));
			} catch (IOException | RuntimeException e) {
				log.accept(image.getName() + ": left out: " + e.getMessage());
			}
		}
		if (out.isEmpty()) throw new IOException("no image of " + images + " has a Pascal VOC annotation of the same name in " + annotations);
		return out;
	}

	private static File xmlOf(File image, File annotations) {
		String stem = AnnotatedImages.base(image.getName()).toLowerCase(Locale.ROOT);
		for (File f : AnnotatedImages.sorted(annotations))
			if (f.getName().toLowerCase(Locale.ROOT).equals(stem + ".xml")) return f;
		return null;
	}
}
