package sc.fiji.convnet.detect.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.detect.VocAnnotations;

/** A Pascal VOC style data set: {@code JPEGImages/ID.jpg}, {@code Annotations/ID.xml} and {@code SPLIT.txt} listing the ids. */
public final class DetectionDataset {

	private DetectionDataset() {}

	public static List<DetectionSample> load(Path root, String split) throws IOException {
		Path list = root.resolve(split + ".txt");
		if (!Files.isRegularFile(list)) throw new IOException("DetectionDataset: no split file " + list);
		List<DetectionSample> out = new ArrayList<>();
		for (String line : Files.readAllLines(list)) {
			String id = line.trim();
			if (id.isEmpty()) continue;
			Path jpg = root.resolve("JPEGImages").resolve(id + ".jpg"), xml = root.resolve("Annotations").resolve(id + ".xml");
			if (!Files.isRegularFile(jpg) || !Files.isRegularFile(xml))
				throw new IOException("DetectionDataset: " + split + " lists " + id + " but " + (Files.isRegularFile(jpg) ? xml : jpg) + " is missing");
			out.add(new DetectionSample(id, RgbImage.read(jpg), VocAnnotations.read(xml)));
		}
		if (out.isEmpty()) throw new IOException("DetectionDataset: " + list + " lists no images");
		return out;
	}

	/** The class names of the samples' boxes, sorted. */
	public static List<String> classes(List<DetectionSample> samples) {
		TreeSet<String> names = new TreeSet<>();
		for (DetectionSample s : samples) for (Box b : s.boxes()) names.add(b.label());
		return new ArrayList<>(names);
	}
}
