package sc.fiji.convnet.model;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import sc.fiji.convnet.model.transform.Transformation;
import sc.fiji.convnet.model.transform.Transformations;

/**
 * Reads a bioimage.io model description ({@code rdf.yaml}, {@code bioimageio.yaml}), format 0.4 or 0.5, into a
 * {@link ModelDescriptor}. Only ONNX weights can be used: a description without them is refused with a message
 * naming the weight formats it offers.
 */
public final class BioimageioReader {

	private BioimageioReader() {}

	public static ModelDescriptor read(Path yaml) {
		return new Parse(yaml, load(yaml)).descriptor();
	}

	/** The description as plain maps and lists (safe YAML: no arbitrary objects). */
	static Map<String, Object> load(Path yaml) {
		Object root;
		try (Reader r = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
		} catch (IOException e) {
			throw new ModelFormatException("cannot read model description " + yaml + ": " + e, e);
		} catch (YAMLException e) {
			throw new ModelFormatException(yaml + " is not valid YAML: " + e.getMessage(), e);
		}
		if (!(root instanceof Map<?, ?> rootMap)) throw new ModelFormatException(yaml + ": not a bioimage.io description (no mapping at the top)");
		return map(rootMap, yaml.toString());
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object o, String where) {
		if (!(o instanceof Map)) throw new ModelFormatException(where + ": expected a mapping, got " + o);
		return (Map<String, Object>) o;
	}

	static List<Object> list(Object o, String where) {
		if (o == null) return List.of();
		if (!(o instanceof Collection<?> c)) throw new ModelFormatException(where + ": expected a list, got " + o);
		return new ArrayList<>(c);
	}

	/**
	 * A file a description names ({@code weights}, test tensors), resolved in the description's folder; it must lie
	 * inside that folder (no absolute paths, no {@code ..} out of it). Links the user put into the folder are theirs
	 * and are followed.
	 *
	 * @throws ModelFormatException for a path that leaves the model folder
	 */
	static Path inside(Path description, String source) {
		Path dir = description.toAbsolutePath().getParent().normalize();
		Path p = dir.resolve(source).normalize();
		if (!p.startsWith(dir) || p.equals(dir)) throw new ModelFormatException(description + ": '" + source + "' lies outside the model folder " + dir + "; refused");
		return p;
	}

	/** One parse of one file, so that every message can name it. */
	/**
	 * The first input of a description (axes and preprocessing), read without its weights; null when it lists no
	 * inputs (a description that only names classes).
	 */
	public static TensorDescription firstInput(Path yaml) {
		Map<String, Object> root = load(yaml);
		if (!(root.get("inputs") instanceof List<?> inputs) || inputs.isEmpty()) return null;
		Parse p = new Parse(yaml, root);
		return p.tensor(map(inputs.get(0), yaml + ": inputs[0]"), "inputs[0]", true, new ArrayList<>());
	}

	private static final class Parse {
		final Path file;
		final Map<String, Object> root;
		final boolean v04;
		final String version;

		Parse(Path file, Map<String, Object> root) {
			this.file = file;
			this.root = root;
			Object fv = root.get("format_version");
			if (fv == null) throw error("no format_version");
			version = fv.toString();
			if (version.startsWith("0.4")) v04 = true;
			else if (version.startsWith("0.5")) v04 = false;
			else throw error("format_version " + version + " is not supported (0.4.x or 0.5.x)");
			Object type = root.get("type");
			if (type != null && !"model".equals(type.toString())) throw error("describes a " + type + ", not a model");
		}

		ModelFormatException error(String what) {
			return new ModelFormatException(file + ": " + what);
		}

		ModelDescriptor descriptor() {
			String name = String.valueOf(root.getOrDefault("name", file.getParent() == null ? file.toString() : file.getParent().getFileName().toString()));
			Path weights = onnxWeights();
			Object sha = map(map(root.get("weights"), file + ": weights").get("onnx"), file + ": weights.onnx").get("sha256");
			List<TensorDescription> inputs = new ArrayList<>(), outputs = new ArrayList<>();
			List<Path> testIn = new ArrayList<>(), testOut = new ArrayList<>();
			int i = 0;
			for (Object o : list(root.get("inputs"), file + ": inputs")) inputs.add(tensor(map(o, file + ": inputs[" + i + "]"), "inputs[" + i++ + "]", true, testIn));
			i = 0;
			for (Object o : list(root.get("outputs"), file + ": outputs")) outputs.add(tensor(map(o, file + ": outputs[" + i + "]"), "outputs[" + i++ + "]", false, testOut));
			if (inputs.isEmpty() || outputs.isEmpty()) throw error("needs at least one input and one output");
			if (v04) {
				for (Object o : list(root.get("test_inputs"), file + ": test_inputs")) testIn.add(resolve(o.toString()));
				for (Object o : list(root.get("test_outputs"), file + ": test_outputs")) testOut.add(resolve(o.toString()));
			}
			return new ModelDescriptor(name, version, file, weights, sha == null ? null : sha.toString(), inputs, outputs, testIn, testOut);
		}

		Path resolve(String source) {
			if (source.contains("://")) throw error("refers to " + source + "; only local files are used (no downloads)");
			return inside(file, source);
		}

		Path onnxWeights() {
			Map<String, Object> weights = map(root.get("weights"), file + ": weights");
			Object onnx = weights.get("onnx");
			if (onnx == null)
				throw error("has no ONNX weights; it offers " + weights.keySet() + ", and only onnx weights can be run here. "
						+ "Convert the model to ONNX (for example with bioimageio.core) and add an 'onnx' entry.");
			Object source = map(onnx, file + ": weights.onnx").get("source");
			if (source == null) throw error("weights.onnx has no source");
			return resolve(source.toString());
		}

		TensorDescription tensor(Map<String, Object> t, String where, boolean input, List<Path> tests) {
			String name = String.valueOf(v04 ? t.get("name") : t.get("id"));
			if (name.equals("null")) throw error(where + " has no " + (v04 ? "name" : "id"));
			List<Axis> axes = v04 ? axes04(t, where, input) : axes05(t, where);
			List<Transformation> pre = steps(t.get("preprocessing"), where + ".preprocessing");
			List<Transformation> post = steps(t.get("postprocessing"), where + ".postprocessing");
			if (!v04 && t.get("test_tensor") != null) {
				Object src = map(t.get("test_tensor"), file + ": " + where + ".test_tensor").get("source");
				if (src != null) tests.add(resolve(src.toString()));
			}
			return new TensorDescription(name, axes, pre, post);
		}

		List<Transformation> steps(Object o, String where) {
			List<Transformation> steps = new ArrayList<>();
			int i = 0;
			for (Object s : list(o, file + ": " + where)) {
				Map<String, Object> step = map(s, file + ": " + where + "[" + i + "]");
				Object id = v04 ? step.get("name") : step.get("id");
				if (id == null) id = step.get(v04 ? "id" : "name");
				if (id == null) throw error(where + "[" + i + "] has no id");
				try {
					steps.add(Transformations.create(id.toString(), step.get("kwargs") == null ? Map.of() : map(step.get("kwargs"), file + ": kwargs")));
				} catch (IllegalArgumentException e) {
					throw new ModelFormatException(file + ": " + where + "[" + i + "]: " + e.getMessage(), e);
				}
				i++;
			}
			return steps;
		}

		List<Axis> axes04(Map<String, Object> t, String where, boolean input) {
			Object letters = t.get("axes");
			if (!(letters instanceof String s)) throw error(where + ".axes must be a string of letters like bcyx");
			List<String> ids;
			try {
				ids = Transformations.axes(s);
			} catch (IllegalArgumentException e) {
				throw error(where + ".axes: " + e.getMessage());
			}
			int n = ids.size();
			Object shape = t.get("shape");
			List<Object> halo = list(t.get("halo"), file + ": " + where + ".halo");
			if (!halo.isEmpty() && halo.size() != n) throw error(where + ".halo has " + halo.size() + " values for " + n + " axes");
			List<Axis> axes = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				String id = ids.get(i);
				AxisType type = switch (id) {
				case "batch" -> AxisType.BATCH;
				case "channel" -> AxisType.CHANNEL;
				case "index" -> AxisType.INDEX;
				case "time" -> AxisType.TIME;
				default -> AxisType.SPACE;
				};
				int h = halo.isEmpty() ? 0 : integer(halo.get(i), where + ".halo");
				Axis a;
				if (shape instanceof Collection<?> fixed) {
					List<Object> f = list(fixed, where);
					if (f.size() != n) throw error(where + ".shape has " + f.size() + " values for axes " + s);
					int size = integer(f.get(i), where + ".shape");
					a = type == AxisType.BATCH ? Axis.free(id, type, 1, 1) : Axis.fixed(id, type, size);
				} else if (shape instanceof Map<?, ?> m && m.containsKey("min")) {
					List<Object> min = list(m.get("min"), where + ".shape.min"), step = list(m.get("step"), where + ".shape.step");
					if (min.size() != n || step.size() != n) throw error(where + ".shape min/step need " + n + " values each");
					int mn = integer(min.get(i), where), st = integer(step.get(i), where);
					a = type == AxisType.BATCH ? Axis.free(id, type, 1, 1) : st == 0 ? Axis.fixed(id, type, mn) : Axis.free(id, type, mn, st);
				} else if (shape instanceof Map<?, ?> m && m.containsKey("reference_tensor")) {
					List<Object> scale = list(m.get("scale"), where + ".shape.scale"), offset = list(m.get("offset"), where + ".shape.offset");
					if (scale.size() != n || offset.size() != n) throw error(where + ".shape scale/offset need " + n + " values each");
					double sc = number(scale.get(i), where), off = number(offset.get(i), where);
					// 0.4: size = reference · scale + 2 · offset; scale 0 means a fixed size of 2 · offset
					if (sc == 0) a = Axis.fixed(id, type, (int) Math.round(2 * off));
					else a = new Axis(id, type, -1, 1, 1, m.get("reference_tensor").toString(), id, sc, 2 * off, 0, null);
				} else throw error(where + ".shape must be a list, {min, step} or {reference_tensor, scale, offset}");
				axes.add(a.withHalo(h));
			}
			return axes;
		}

		List<Axis> axes05(Map<String, Object> t, String where) {
			List<Axis> axes = new ArrayList<>();
			int i = 0;
			for (Object o : list(t.get("axes"), file + ": " + where + ".axes")) {
				String w = where + ".axes[" + i++ + "]";
				Map<String, Object> a = map(o, file + ": " + w);
				if (a.get("type") == null) throw error(w + " has no type");
				AxisType type = AxisType.parse(a.get("type").toString(), file + ": " + w);
				String id = a.get("id") == null ? type.defaultId() : a.get("id").toString();
				int halo = a.get("halo") == null ? 0 : integer(a.get("halo"), w + ".halo");
				List<String> channelNames = null;
				Object size = a.get("size");
				Axis axis;
				if (type == AxisType.CHANNEL) {
					List<Object> names = list(a.get("channel_names"), file + ": " + w + ".channel_names");
					channelNames = names.stream().map(String::valueOf).toList();
					int n = size instanceof Number ? ((Number) size).intValue() : names.size();
					axis = new Axis(id, type, n, n, 0, null, null, 1, 0, halo, channelNames);
				} else if (size == null) {
					axis = type == AxisType.BATCH ? Axis.free(id, type, 1, 1) : Axis.free(id, type, 1, 1);
				} else if (size instanceof Number n) {
					axis = type == AxisType.BATCH ? Axis.free(id, type, 1, 1) : Axis.fixed(id, type, n.intValue());
				} else if (size instanceof Map<?, ?> m && m.containsKey("min")) {
					int mn = integer(m.get("min"), w + ".size.min"), st = m.get("step") == null ? 0 : integer(m.get("step"), w + ".size.step");
					axis = st == 0 ? Axis.fixed(id, type, mn) : Axis.free(id, type, mn, st);
				} else if (size instanceof Map<?, ?> m && m.containsKey("tensor_id")) {
					// 0.5: output size = reference size · (reference scale / this scale) + offset; scales are 1 unless given
					double scale = a.get("scale") == null ? 1 : number(a.get("scale"), w + ".scale");
					double off = m.get("offset") == null ? 0 : number(m.get("offset"), w + ".size.offset");
					axis = new Axis(id, type, -1, 1, 1, m.get("tensor_id").toString(), String.valueOf(m.get("axis_id")), 1 / scale, off, 0, null);
				} else throw error(w + ".size must be a number, {min, step} or {tensor_id, axis_id}");
				axes.add(axis.withHalo(halo));
			}
			if (axes.isEmpty()) throw error(where + " has no axes");
			return axes;
		}

		int integer(Object o, String where) {
			if (o instanceof Number n) return n.intValue();
			throw error(where + ": expected an integer, got " + o);
		}

		double number(Object o, String where) {
			if (o instanceof Number n) return n.doubleValue();
			throw error(where + ": expected a number, got " + o);
		}
	}
}
