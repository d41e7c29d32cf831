package sc.fiji.convnet.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads the boxes of a Pascal VOC annotation file (xmin, ymin, xmax, ymax in pixels; {@code difficult}). */
public final class VocAnnotations {

	private VocAnnotations() {}

	public static List<Box> read(Path xml) throws IOException {
		Document doc;
		try (InputStream in = Files.newInputStream(xml)) {
			DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			doc = f.newDocumentBuilder().parse(in);
		} catch (IOException e) {
			throw e;
		} catch (Exception e) {
			throw new IOException("VOC annotation " + xml + ": not readable XML (" + e.getMessage() + ")", e);
		}
		List<Box> boxes = new ArrayList<>();
		NodeList objects = doc.getElementsByTagName("object");
		for (int k = 0; k < objects.getLength(); k++) {
			Element o = (Element) objects.item(k);
			String name = text(o, "name", xml);
			Element b = child(o, "bndbox", xml);
			double x1 = number(b, "xmin", xml), y1 = number(b, "ymin", xml), x2 = number(b, "xmax", xml), y2 = number(b, "ymax", xml);
			Element diff = optionalChild(o, "difficult");
			boolean difficult = diff != null && diff.getTextContent().trim().equals("1");
			if (x2 < x1 || y2 < y1) throw new IOException("VOC annotation " + xml + ": object " + (k + 1) + " '" + name + "' has xmax < xmin or ymax < ymin");
			boxes.add(new Box(name, 1, x1, y1, x2 - x1, y2 - y1, difficult));
		}
		return boxes;
	}

	private static Element optionalChild(Element parent, String tag) {
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling())
			if (n instanceof Element e && e.getTagName().equals(tag)) return e;
		return null;
	}

	private static Element child(Element parent, String tag, Path file) throws IOException {
		Element e = optionalChild(parent, tag);
		if (e == null) throw new IOException("VOC annotation " + file + ": <" + parent.getTagName() + "> without <" + tag + ">");
		return e;
	}

	private static String text(Element parent, String tag, Path file) throws IOException {
		String s = child(parent, tag, file).getTextContent().trim();
		if (s.isEmpty()) throw new IOException("VOC annotation " + file + ": empty <" + tag + ">");
		return s;
	}

	private static double number(Element parent, String tag, Path file) throws IOException {
		String s = text(parent, tag, file);
		try {
			return Double.parseDouble(s);
		} catch (NumberFormatException e) {
			throw new IOException("VOC annotation " + file + ": <" + tag + "> is '" + s + "', not a number");
		}
	}
}
