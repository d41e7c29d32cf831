package sc.fiji.convnet.commands.ij1;

import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.ImagePlus;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.io.OpenDialog;
import sc.fiji.convnet.explain.Nodes;
import sc.fiji.convnet.ij.LayerLists;
import sc.fiji.convnet.request.ModelChoices;
import sc.fiji.convnet.request.Option;
import sc.fiji.convnet.request.Spec;
import sc.fiji.convnet.request.Values;

/**
 * ImageJ 1.x dialogs generated from a command's {@link Spec}: every label starts with its option's key, so the
 * macro recorder writes the same {@code key=value} pairs that the SciJava command (field = key) and the command
 * line ({@code --key}) take. Old macro keys (aliases) are still read. The last values are remembered per command.
 */
final class SpecDialog {

	private static final Map<String, Values> LAST = new HashMap<>();

	private SpecDialog() {}

	/** A dialog holding the spec's options (after whatever the caller added first), filled with the last values. */
	static void add(GenericDialog gd, Spec spec) {
		acceptAliases(spec);
		Values last = last(spec);
		Map<String, Choice> modelLists = new HashMap<>();
		for (Option o : spec.options()) {
			String v = last.text(o.key());
			if (asModelList(o)) {
				addModelChoice(gd, o, v);
				modelLists.put(o.key(), (Choice) gd.getChoices().lastElement());
				continue;
			}
			if (asLayerList(o)) {
				addLayerChoice(gd, o, v, last.text(o.layerOf()), modelLists.get(o.layerOf()));
				continue;
			}
			switch (o.kind()) {
				case TEXT -> gd.addStringField(o.label(), v, 20);
				case TEXT_AREA -> gd.addTextAreas(v, null, 7, 32);
				case FILE -> gd.addFileField(o.label(), v, 30);
				case FOLDER -> gd.addDirectoryField(o.label(), v, 30);
				case INTEGER -> gd.addNumericField(o.label(), last.number(o.key()), 0);
				case NUMBER -> gd.addNumericField(o.label(), last.number(o.key()), decimals(o.defaultValue()));
				case FLAG -> gd.addCheckbox(o.label(), last.flag(o.key()));
				case CHOICE -> gd.addChoice(o.label(), o.choices().toArray(new String[0]), o.choices().contains(v) ? v : o.defaultValue());
				case IMAGE -> gd.addImageChoice(o.label(), v.isEmpty() ? null : v);
			}
		}
	}

	/** Reads the spec's options back in the order {@link #add} put them (images as their titles); remembers them. */
	static Values read(GenericDialog gd, Spec spec) {
		Values v = spec.defaults();
		for (Option o : spec.options()) {
			if (asModelList(o)) {
				String model = gd.getNextChoice();
				if (model.equals(ModelChoices.FROM_FILE)) throw new IllegalArgumentException(spec.command() + ": no model file was chosen");
				v.set(o.key(), model);
				continue;
			}
			if (asLayerList(o)) {
				v.set(o.key(), LayerLists.value(gd.getNextChoice()));
				continue;
			}
			switch (o.kind()) {
				case TEXT, FILE, FOLDER -> v.set(o.key(), gd.getNextString().trim());
				case TEXT_AREA -> v.set(o.key(), gd.getNextText());
				case INTEGER, NUMBER -> v.set(o.key(), number(gd.getNextNumber()));
				case FLAG -> v.set(o.key(), gd.getNextBoolean());
				case CHOICE -> v.set(o.key(), gd.getNextChoice());
				case IMAGE -> {
					ImagePlus imp = gd.getNextImage();
					v.set(o.key(), imp == null ? "" : imp.getTitle());
				}
			}
		}
		if (gd.invalidNumber()) throw new IllegalArgumentException(spec.command() + ": a numeric field holds no number");
		LAST.put(spec.command(), v);
		return v;
	}

	/** Shows a dialog of the spec's options alone; null when cancelled. */
	static Values show(Spec spec) {
		acceptAliases(spec); // before the dialog exists: a GenericDialog reads the macro's options when it is made
		GenericDialog gd = new GenericDialog(spec.command());
		add(gd, spec);
		gd.addHelp(spec.helpHtml());
		gd.showDialog();
		return gd.wasCanceled() ? null : read(gd, spec);
	}

	/**
	 * Whether a model option is shown as a list of the task's models: only in an interactive dialog. A running macro
	 * gets the text field, because {@code GenericDialog.getNextChoice} rejects a macro value that is not in the list,
	 * and a macro may name any model or path ({@code model=/path/to/folder}).
	 */
	static boolean asModelList(Option o) {
		return asModelList(o, Macro.getOptions(), GraphicsEnvironment.isHeadless());
	}

	static boolean asModelList(Option o, String macroOptions, boolean headless) {
		return o.models() != null && macroOptions == null && !headless;
	}

	/** Whether a layer option is shown as a list of its network's layers: in an interactive dialog, as for models. */
	static boolean asLayerList(Option o) {
		return asLayerList(o, Macro.getOptions(), GraphicsEnvironment.isHeadless());
	}

	static boolean asLayerList(Option o, String macroOptions, boolean headless) {
		return o.layerOf() != null && macroOptions == null && !headless;
	}

	/**
	 * The layers of the network the dialog's model option names, the last convolution preselected; when that model
	 * is picked from a list, picking another reloads the layers (in the background: an import may take a moment).
	 */
	private static void addLayerChoice(GenericDialog gd, Option o, String current, String model, Choice modelList) {
		Nodes.LayerChoices layers = LayerLists.of(model);
		List<String> items = LayerLists.items(layers, current);
		gd.addChoice(o.label(), items.toArray(new String[0]), LayerLists.selected(layers, current));
		Choice choice = (Choice) gd.getChoices().lastElement();
		if (modelList == null) return;
		modelList.addItemListener(e -> {
			String picked = modelList.getSelectedItem();
			if (ModelChoices.FROM_FILE.equals(picked)) return;
			Thread load = new Thread(() -> {
				Nodes.LayerChoices reloaded = LayerLists.of(picked);
				EventQueue.invokeLater(() -> {
					choice.removeAll();
					for (String item : LayerLists.items(reloaded, "")) choice.add(item);
					choice.select(LayerLists.selected(reloaded, ""));
				});
			}, "ConvNet layer list");
			load.setDaemon(true);
			load.start();
		});
	}

	/** The model list; picking {@value ModelChoices#FROM_FILE} asks for a file at once and puts its path in the list (so the recorder writes the path). */
	private static void addModelChoice(GenericDialog gd, Option o, String current) {
		List<String> items = ModelChoices.of(o, current);
		gd.addChoice(o.label(), items.toArray(new String[0]), current.isBlank() ? o.defaultValue() : current.strip());
		Choice choice = (Choice) gd.getChoices().lastElement();
		String[] previous = { choice.getSelectedItem() };
		choice.addItemListener(e -> {
			if (!ModelChoices.FROM_FILE.equals(choice.getSelectedItem())) {
				previous[0] = choice.getSelectedItem();
				return;
			}
			OpenDialog od = new OpenDialog(o.label() + ": a bioimageio.yaml, .onnx or .net file");
			String path = od.getPath();
			if (path == null) {
				choice.select(previous[0]);
				return;
			}
			choice.insert(path, choice.getItemCount() - 1);
			choice.select(path);
			previous[0] = path;
		});
	}

	private static Values last(Spec spec) {
		Values v = LAST.get(spec.command());
		return v != null ? v : spec.defaults();
	}

	private static String number(double d) {
		return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
	}

	private static int decimals(String text) {
		int dot = text.indexOf('.');
		return dot < 0 ? 2 : Math.max(2, text.length() - dot - 1);
	}

	/** Old macro keys (e.g. {@code class=}) of a running macro are rewritten to the option's key before the dialog reads them. */
	static void acceptAliases(Spec spec) {
		String options = Macro.getOptions();
		if (options == null) return;
		String renamed = renameAliases(spec, options);
		if (!renamed.equals(options)) Macro.setOptions(Thread.currentThread(), renamed);
	}

	static String renameAliases(Spec spec, String options) {
		String out = options;
		for (Option o : spec.options())
			for (String alias : o.aliases()) {
				if (hasKey(out, o.key())) continue;
				Matcher m = Pattern.compile("(^|\\s)" + Pattern.quote(alias.toLowerCase()) + "(?=[=\\s]|$)").matcher(out);
				out = m.replaceFirst("$1" + Matcher.quoteReplacement(o.key()));
			}
		return out;
	}

	private static boolean hasKey(String options, String key) {
		return Pattern.compile("(^|\\s)" + Pattern.quote(key) + "(?=[=\\s]|$)").matcher(options).find();
	}
}
