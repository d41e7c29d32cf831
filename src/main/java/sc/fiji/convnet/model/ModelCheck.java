package sc.fiji.convnet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import sc.fiji.convnet.onnx.OrtInfo;
import sc.fiji.convnet.onnx.imports.ImportCheck;
import sc.fiji.convnet.onnx.read.OnnxModel;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.onnx.read.ValueInfo;

/**
 * Check Model: what a model is and what it can be used for — its inputs and outputs with shapes and axes, whether
 * ONNX Runtime loads it, whether the engine imports it (or the first unsupported operator), the largest difference
 * between the two on the {@link ModelFiles#checkInput check input} (the import's {@link ImportCheck self-check}),
 * and the tasks that can use it. Every front end (menu, macro, Jython, {@code bin/convnet check-model}) prints this.
 */
public final class ModelCheck {

	/** The verdict, with the command line's exit code. */
	public enum Outcome {
		/** The engine's import matches ONNX Runtime (or the model is an engine network): exit 0. */
		MATCHES(0),
		/** The engine imports it but its output differs from ONNX Runtime's: exit 4. */
		DIFFERS(4),
		/** Not a readable model, or the engine or ONNX Runtime cannot load it, so nothing can be compared: exit 5. */
		CANNOT_IMPORT(5);

		private final int exitCode;

		Outcome(int exitCode) { this.exitCode = exitCode; }

		public int exitCode() { return exitCode; }
	}

	/** The report's lines and its verdict. */
	public record Report(List<String> lines, Outcome outcome) {
		public Report {
			lines = List.copyOf(lines);
		}

		public String text() { return String.join("\n", lines) + "\n"; }

		@Override
		public String toString() { return text(); }
	}

	private ModelCheck() {}

	/** Checks a model a user names: a shipped or installed model's name, a folder, a description or an .onnx. */
	public static Report of(String nameOrPath) {
		ModelFiles m;
		try {
			m = ModelRepository.standard().resolve(nameOrPath);
		} catch (RuntimeException e) {
			return new Report(List.of("Check Model: " + e.getMessage()), Outcome.CANNOT_IMPORT);
		}
		return of(m);
	}

	public static Report of(ModelFiles m) {
		List<String> out = new ArrayList<>();
		if (m.onnx() == null) {
			out.add("Model: " + m.name() + " (" + m.source() + ")");
			out.add("ONNX weights: none; an engine network file (" + m.networkFile().getFileName() + "), run by the engine itself");
			out.add("Tasks: " + String.join(", ", tasks(m, m.networkFile() != null, true)));
			out.add("Result: engine network, nothing to compare (exit 0)");
			return new Report(out, Outcome.MATCHES);
		}
		OnnxModel model;
		try {
			model = OnnxReader.read(m.onnx());
		} catch (Exception e) {
			return new Report(List.of("Check Model: " + m.onnx() + " is not a readable ONNX model: " + ImportCheck.firstLine(e)), Outcome.CANNOT_IMPORT);
		}
		out.add("Model: " + m.name() + " (" + m.source() + ")");
		out.add("ONNX: " + m.onnx().getFileName() + ", opset " + model.opsetVersion() + (model.producerName() == null || model.producerName().isEmpty() ? ""
				: ", made by " + model.producerName()) + ", " + model.graph().nodes().size() + " nodes");
		ModelDescriptor d = null;
		String describedBy = "";
		if (m.description() != null) {
			try {
				d = m.descriptor();
			} catch (RuntimeException e) {
				describedBy = " (the description cannot be read: " + ImportCheck.firstLine(e) + ")";
			}
		}
		List<ValueInfo> ins = model.graph().runtimeInputs(), outs = model.graph().outputs();
		for (int i = 0; i < ins.size(); i++) out.add(tensorLine("Input", ins.get(i), d == null || i >= d.inputs().size() ? null : d.inputs().get(i)) + describedBy);
		for (int i = 0; i < outs.size(); i++) out.add(tensorLine("Output", outs.get(i), d == null || i >= d.outputs().size() ? null : d.outputs().get(i)));

		boolean ort;
		try {
			m.session();
			ort = true;
			out.add("ONNX Runtime: loads it (ONNX Runtime " + OrtInfo.probe().ortVersion() + ")");
		} catch (RuntimeException e) {
			ort = false;
			out.add("ONNX Runtime: cannot load it: " + ImportCheck.firstLine(e));
		}
		ImportCheck.Result r;
		try {
			r = m.checkImport();
		} catch (Exception e) {
			r = new ImportCheck.Result(null, ImportCheck.Status.ENGINE_CANNOT_IMPORT, Double.NaN, null, "the engine cannot import it: " + ImportCheck.firstLine(e));
		}
		boolean engine = r.status() != ImportCheck.Status.ENGINE_CANNOT_IMPORT;
		out.add(engine ? "Engine: imports it" : "Engine: " + r.message().replaceFirst("^the engine ", ""));
		try {
			out.add("Check input: " + m.checkInput(model).source());
		} catch (RuntimeException e) {
			out.add("Check input: " + ImportCheck.firstLine(e));
		}
		out.add(switch (r.status()) {
		case MATCHES, DIFFERS -> String.format(Locale.ROOT, "Max |engine − ONNX Runtime|: %.2e (tolerance %s): %s", r.maxAbsDiff(), ImportCheck.TOLERANCE,
				r.passed() ? "matches" : r.message().replaceFirst("^the engine ", ""));
		case ORT_CANNOT_RUN -> "Max |engine − ONNX Runtime|: not measured, " + r.message();
		case ENGINE_CANNOT_IMPORT -> "Max |engine − ONNX Runtime|: not measured, the engine cannot import it";
		});
		out.add("Tasks: " + String.join(", ", tasks(m, ort, r.passed())));
		Outcome o = r.passed() ? Outcome.MATCHES : r.status() == ImportCheck.Status.DIFFERS ? Outcome.DIFFERS : Outcome.CANNOT_IMPORT;
		out.add("Result: " + switch (o) {
		case MATCHES -> "the engine matches ONNX Runtime";
		case DIFFERS -> "the engine differs from ONNX Runtime; explanations and fine-tuning refuse this model";
		case CANNOT_IMPORT -> (engine ? "ONNX Runtime cannot run it, so the engine's import cannot be checked"
				: "the engine cannot import it") + "; explanations and fine-tuning refuse this model";
		} + " (exit " + o.exitCode() + ")");
		return new Report(out, o);
	}

	/** "Input 'x': shape [1, 1, ?, ?] float, axes batch, channel, y, x". */
	private static String tensorLine(String kind, ValueInfo v, TensorDescription described) {
		String shape = v.hasShape() ? v.shape().toString() : "unknown";
		List<String> axes = described != null ? described.axisIds() : v.hasShape() ? ModelDescriptor.defaultAxisIds(v.shape().size()) : null;
		String how = described != null ? "" : " (taken by rank; no description)";
		return kind + " '" + v.name() + "': shape " + shape + (v.elementType() == null ? "" : " " + v.elementType().onnxName())
				+ ", axes " + (axes == null ? "unknown" : String.join(", ", axes) + how);
	}

	/**
	 * The tasks a model serves: the one its description names (segmentation, detection or classification, run by ONNX
	 * Runtime, or by the engine for an engine classifier), and explanations and fine-tuning when the engine has a
	 * network it may trust (an engine file, or an import that passed its self-check).
	 */
	static List<String> tasks(ModelFiles m, boolean ortLoads, boolean engineTrusted) {
		List<String> t = new ArrayList<>();
		ModelTask task = m.description() == null ? null : m.task();
		if (task != null && (ortLoads || engineTrusted && task == ModelTask.CLASSIFICATION)) t.add(task.name().toLowerCase(Locale.ROOT));
		if (engineTrusted) {
			t.add("explanations");
			t.add("fine-tuning");
		}
		if (t.isEmpty()) return List.of("none" + (task == null ? " (the description names no task" + (engineTrusted ? ")" : " and the engine cannot be trusted with it)")
				: " (" + task.name().toLowerCase(Locale.ROOT) + " needs ONNX Runtime; the engine cannot be trusted with it)"));
		if (task == null) t.add("(no segmentation, detection or classification: " + (m.description() == null ? "a bare model has no description to say what it is for)" : "the description names no task)"));
		return t;
	}
}
