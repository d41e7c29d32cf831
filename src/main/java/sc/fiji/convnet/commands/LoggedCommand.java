package sc.fiji.convnet.commands;

import java.io.File;

import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.module.ModuleItem;
import org.scijava.module.MutableModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;

import sc.fiji.convnet.explain.Nodes;
import sc.fiji.convnet.ij.LayerLists;
import sc.fiji.convnet.predict.CancelledException;
import sc.fiji.convnet.request.CommandSpecs;
import sc.fiji.convnet.request.ModelChoices;
import sc.fiji.convnet.request.Option;

/**
 * What every ConvNet SciJava command shares: the log, a quiet cancel, and a failure as one log line that starts with
 * the command's label. Written once so that the commands report alike and each keeps only its parameters and its
 * call. SciJava fills {@code @Parameter} fields of superclasses too (services included). A {@link DynamicCommand}, so that
 * a model field's choices can be the models installed now ({@link #listModels}) and a layer field's the layers of the
 * chosen network ({@link #listLayers}).
 */
abstract class LoggedCommand extends DynamicCommand {

	@Parameter
	private LogService log;

	/** Does the command's work; any exception becomes one log line. */
	abstract void execute() throws Exception;

	/** A failure's log line after "label: "; by default the message alone. Override to name the image, model or folder. */
	String failure(Exception e) {
		return e.getMessage();
	}

	/** The name in log lines and progress: the menu label by default. */
	String label() {
		String path = getClass().getAnnotation(Plugin.class).menuPath();
		return path.substring(path.lastIndexOf('>') + 1);
	}

	/**
	 * Initializer of a model field ({@code initializer = "listModels"}; issue #19): its choices become the task's
	 * shipped and installed models plus {@value ModelChoices#FROM_FILE}, as in the ImageJ 1.x dialogs. A macro or
	 * script may still give any model name or path: the value is not checked against the list. The fields are not
	 * persisted ({@code persist = false}): a remembered path outside the list would be shown as the list's first entry.
	 */
	void listModels() {
		for (Option o : CommandSpecs.of(label()).options()) {
			if (o.models() == null) continue;
			ModuleItem<?> input = getInfo().getInput(o.key());
			if (input == null || input.getType() != String.class) continue;
			MutableModuleItem<String> item = getInfo().getMutableInput(o.key(), String.class);
			Object current = getInput(o.key());
			item.setChoices(ModelChoices.of(o, current == null ? "" : current.toString()));
		}
	}

	/**
	 * Callback of a model field ({@code callback = "pickModelFile"}): {@value ModelChoices#FROM_FILE} asks for the file
	 * and puts its path in the field. Then the layer fields list the new network's layers.
	 */
	void pickModelFile() {
		for (Option o : CommandSpecs.of(label()).options()) {
			if (o.models() == null || getInfo().getInput(o.key()) == null || !ModelChoices.FROM_FILE.equals(getInput(o.key()))) continue;
			UIService ui = getContext() == null ? null : getContext().getService(UIService.class);
			File f = ui == null ? null : ui.chooseFile(null, "open");
			if (f == null) continue;
			MutableModuleItem<String> item = getInfo().getMutableInput(o.key(), String.class);
			java.util.List<String> choices = new java.util.ArrayList<>(item.getChoices());
			if (!choices.contains(f.getPath())) choices.add(Math.max(0, choices.size() - 1), f.getPath());
			item.setChoices(choices);
			setInput(o.key(), f.getPath());
		}
		followModels();
	}

	/**
	 * Initializer of a layer field ({@code initializer = "listLayers"}; issue #19): its choices become the layers of
	 * the network its model field names ({@link Option#layerOf}), listed by {@link LayerLists} as in the ImageJ 1.x
	 * dialogs. An empty field gets the last convolution. A macro may still give any layer name: the run checks it.
	 */
	void listLayers() {
		for (Option o : CommandSpecs.of(label()).options()) {
			if (o.layerOf() == null || getInfo().getInput(o.key()) == null) continue;
			Nodes.LayerChoices layers = LayerLists.of(text(o.layerOf()));
			String current = text(o.key());
			getInfo().getMutableInput(o.key(), String.class).setChoices(LayerLists.items(layers, current));
			if (current.isBlank()) setInput(o.key(), LayerLists.selected(layers, ""));
		}
	}

	/** After a model changed: a layer the new network lacks gives way to its last convolution, and the lists are refilled. */
	private void followModels() {
		for (Option o : CommandSpecs.of(label()).options()) {
			if (o.layerOf() == null || getInfo().getInput(o.key()) == null) continue;
			if (!LayerLists.of(text(o.layerOf())).names().contains(text(o.key()))) setInput(o.key(), "");
		}
		listLayers();
	}

	/** A field's value as text: a path for a file, empty for none. */
	private String text(String key) {
		Object v = getInput(key);
		return v == null ? "" : v.toString().strip();
	}

	/** The model a field names, refusing {@value ModelChoices#FROM_FILE} left without a file. */
	static String model(String value) {
		if (ModelChoices.FROM_FILE.equals(value)) throw new IllegalArgumentException("no model file was chosen");
		return value;
	}

	LogService log() {
		return log;
	}

	@Override
	public void run() {
		try {
			execute();
		} catch (CancelledException e) {
			log.info(label() + ": cancelled");
		} catch (Exception e) {
			log.error(label() + ": " + failure(e));
		}
	}
}
