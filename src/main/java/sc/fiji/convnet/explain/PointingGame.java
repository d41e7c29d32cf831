package sc.fiji.convnet.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The pointing game (Zhang et al. 2016): a saliency map scores a hit when its maximum lies within a tolerance
 * (15 pixels by convention) of a ground-truth box of the class it explains. Only images that contain the class
 * count. Boxes are read from Pascal VOC XML files, in the files' pixel coordinates, inclusive.
 */
public final class PointingGame {

	private PointingGame() {}

	/** A ground-truth box. */
	public record Box(String label, double xmin, double ymin, double xmax, double ymax) {
		public boolean contains(double x, double y, double tolerance) {
			return x >= xmin - tolerance && x <= xmax + tolerance && y >= ymin - tolerance && y <= ymax + tolerance;
		}
	}

	/** The result over a folder: hits of total images containing the class, and images without a map. */
	public record Score(String label, int hits, int total, int missing) {
		public double accuracy() { return total == 0 ? 0 : (double) hits / total; }
		@Override public String toString() { return String.format("pointing game %s: %d/%d = %.4f%s", label, hits, total, accuracy(), missing > 0 ? " (" + missing + " maps missing)" : ""); }
	}

	/** Whether the map's maximum (the first in row order) is within {@code tolerance} of one of the boxes. */
	public static boolean hit(SaliencyMap map, List<Box> boxes, double tolerance) {
		int[] p = map.argmax();
		for (Box b : boxes) if (b.contains(p[0], p[1], tolerance)) return true;
		return false;
	}

	/** The boxes of a Pascal VOC annotation file. */
	public static List<Box> readVoc(Path xml) throws IOException {
		try {
			DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			Document d = f.newDocumentBuilder().parse(xml.toFile());
			NodeList objects = d.getElementsByTagName("object");
			List<Box> boxes = new ArrayList<>();
			for (int i = 0; i < objects.getLength(); i++) {
				Element o = (Element) objects.item(i);
				Element b = (Element) o.getElementsByTagName("bndbox").item(0);
				if (b == null) throw new IOException(xml + ": object " + i + " has no <bndbox>");
				boxes.add(new Box(text(o, "name", xml), number(b, "xmin", xml), number(b, "ymin", xml), number(b, "xmax", xml), number(b, "ymax", xml)));
			}
			return boxes;
		} catch (IOException e) {
			throw e;
		} catch (Exception e) {
			throw new IOException(xml + ": not a Pascal VOC annotation: " + e.getMessage(), e);
		}
	}

	private static String text(Element e, String tag, Path xml) throws IOException {
		NodeList l = e.getElementsByTagName(tag);
		if (l.getLength() == 0) throw new IOException(xml + ": missing <" + tag + ">");
		return l.item(0).getTextContent().strip();
	}

	private static double number(Element e, String tag, Path xml) throws IOException {
		String t = text(e, tag, xml);
		try {
			return Double.parseDouble(t);
		} catch (NumberFormatException x) {
			throw new IOException(xml + ": <" + tag + "> is not a number: '" + t + "'");
		}
	}

	/**
	 * Plays the game over every {@code *.xml} of {@code annotations}: {@code mapOf} gives the saliency map of an
	 * annotation's base name (without ".xml"), or null if there is none.
	 */
	public static Score evaluate(Path annotations, String label, double tolerance, Function<String, SaliencyMap> mapOf) throws IOException {
		List<Path> files;
		try (Stream<Path> s = Files.list(annotations)) {
			files = s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
		}
		int hits = 0, total = 0, missing = 0;
		for (Path f : files) {
			List<Box> boxes = new ArrayList<>();
			for (Box b : readVoc(f)) if (b.label().equals(label)) boxes.add(b);
			if (boxes.isEmpty()) continue;
			total++;
			String name = f.getFileName().toString();
			SaliencyMap m = mapOf.apply(name.substring(0, name.length() - 4));
			if (m == null) { missing++; continue; }
			if (hit(m, boxes, tolerance)) hits++;
		}
		return new Score(label, hits, total, missing);
	}
}
