package sc.fiji.convnet.ij;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import sc.fiji.convnet.explain.Nodes;

/**
 * The layers a dialog offers for a model named by name or path (issue #19: no typing of layer names): its network's
 * layers in order, the last convolution preselected. A model that cannot be read gives an empty list (the dialog
 * then keeps "last convolution" alone, and the run reports the model's error). Remembered per model for the session.
 */
public final class LayerLists {

	/** What a dialog shows for an empty layer (the last convolution) when the model's layers are not known. */
	public static final String LAST_CONVOLUTION = "(last convolution)";

	private static final Map<String, Nodes.LayerChoices> CACHE = new ConcurrentHashMap<>();

	private LayerLists() {}

	public static Nodes.LayerChoices of(String model) {
		if (model == null || model.isBlank()) return new Nodes.LayerChoices(List.of(), null);
		Nodes.LayerChoices known = CACHE.get(model.strip());
		if (known != null) return known;
		try {
			Nodes.LayerChoices c = Nodes.choices(NetworkPictures.anySize(model.strip()));
			CACHE.put(model.strip(), c);
			return c;
		} catch (Exception | LinkageError e) {
			return new Nodes.LayerChoices(List.of(), null);
		}
	}

	/** The items of a layer list: the layers, or {@value #LAST_CONVOLUTION} alone; {@code current} kept when not among them. */
	public static List<String> items(Nodes.LayerChoices c, String current) {
		List<String> out = new java.util.ArrayList<>(c.names());
		if (out.isEmpty()) out.add(LAST_CONVOLUTION);
		if (current != null && !current.isBlank() && !out.contains(current.strip())) out.add(current.strip());
		return out;
	}

	/** The layer an item means: {@value #LAST_CONVOLUTION} is empty (the last convolution), any other item is itself. */
	public static String value(String item) {
		return item == null || item.equals(LAST_CONVOLUTION) ? "" : item.strip();
	}

	/** The item to select: {@code current} when given, else the last convolution. */
	public static String selected(Nodes.LayerChoices c, String current) {
		if (current != null && !current.isBlank()) return current.strip();
		return c.preselected() != null ? c.preselected() : c.names().isEmpty() ? LAST_CONVOLUTION : c.names().get(c.names().size() - 1);
	}
}
