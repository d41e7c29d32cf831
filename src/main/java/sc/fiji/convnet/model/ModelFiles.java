package sc.fiji.convnet.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkIO;
import sc.fiji.convnet.engine.kernels.Kernels;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.SessionCache;
import sc.fiji.convnet.onnx.imports.EngineConformance;
import sc.fiji.convnet.onnx.imports.ImportCheck;
import sc.fiji.convnet.onnx.imports.OnnxImporter;
import sc.fiji.convnet.onnx.read.OnnxModel;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.onnx.read.ValueInfo;
import sc.fiji.convnet.tensor.Npy;
import sc.fiji.convnet.tensor.Tensor;

/**
 * One model found by {@link ModelRepository}: its bioimage.io description (if any), its ONNX weights (if any) and
 * its engine network file (if any), and the ways every task opens it: the parsed {@link #descriptor()}, an ONNX
 * Runtime {@link #session()} from the one shared {@link SessionCache}, or an engine {@link #network(int, int)}.
 */
public final class ModelFiles {

	private static final List<String> DESCRIPTION_NAMES = List.of("bioimageio.yaml", "rdf.yaml", "model.yaml");
	/** The description beside a bare {@code .onnx} or engine file that holds its class names. */
	public static final String COMPANION = "bioimageio.yaml";

	private final String name;
	private final Path description, onnx, networkFile;
	private Map<String, Object> yaml;
	private ModelDescriptor descriptor;

	private ModelFiles(String name, Path description, Path onnx, Path networkFile) {
		this.name = name;
		this.description = description;
		this.onnx = onnx;
		this.networkFile = networkFile;
	}

	/**
	 * The model at a path: a folder (a description is preferred: {@code bioimageio.yaml}, {@code rdf.yaml},
	 * {@code model.yaml}, any {@code *.bioimageio.yaml}, any other yaml; else its one {@code .onnx}; else its one
	 * engine network file), a description ({@code .yaml}/{@code .yml}), an {@code .onnx} or an engine network file.
	 *
	 * @throws ModelFormatException when the path is none of these
	 */
	public static ModelFiles at(Path p) {
		String file = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
		if (Files.isDirectory(p)) return ofFolder(p);
		if (!Files.isRegularFile(p)) throw new ModelFormatException("Model file not found: " + p);
		if (file.endsWith(".onnx")) return new ModelFiles(stem(p), null, p, null);
		if (file.endsWith(".yaml") || file.endsWith(".yml")) return described(p, p.getParent() == null ? null : engineFile(p.toAbsolutePath().getParent()));
		if (isEngineNetwork(p)) return new ModelFiles(stem(p), null, null, p);
		throw new ModelFormatException(p + " is neither a folder, a bioimage.io description (.yaml), an .onnx model nor an engine network file");
	}

	private static ModelFiles ofFolder(Path dir) {
		List<Path> yamls = list(dir, ".yaml", ".yml");
		yamls.sort((a, b) -> Integer.compare(rank(a), rank(b)));
		Path engine = engineFile(dir);
		if (!yamls.isEmpty()) return described(yamls.get(0), engine);
		List<Path> onnx = list(dir, ".onnx");
		if (onnx.size() == 1) return new ModelFiles(stem(onnx.get(0)), null, onnx.get(0), engine);
		if (onnx.isEmpty() && engine != null) return new ModelFiles(stem(engine), null, null, engine);
		throw new ModelFormatException(dir + " holds " + (onnx.isEmpty() ? "no model description and no .onnx file"
				: onnx.size() + " .onnx files and no description to say which to use"));
	}

	private static int rank(Path yaml) {
		String n = yaml.getFileName().toString();
		int named = DESCRIPTION_NAMES.indexOf(n);
		return named >= 0 ? named : n.endsWith(".bioimageio.yaml") ? DESCRIPTION_NAMES.size() : DESCRIPTION_NAMES.size() + 1;
	}

	private static ModelFiles described(Path yaml, Path engine) {
		Path folder = yaml.toAbsolutePath().getParent();
		String name = folder != null && DESCRIPTION_NAMES.contains(yaml.getFileName().toString()) ? folder.getFileName().toString() : stem(yaml);
		return new ModelFiles(name, yaml, weightsOf(yaml), engine);
	}

	/** The ONNX weights a description names (weights: onnx: source:), or null when it names none. */
	private static Path weightsOf(Path yaml) {
		try {
			Object w = BioimageioReader.load(yaml).get("weights");
			Object source = w instanceof Map<?, ?> wm && wm.get("onnx") instanceof Map<?, ?> om ? om.get("source") : null;
			return source == null ? null : BioimageioReader.inside(yaml, source.toString());
		} catch (ModelFormatException e) {
			return null; // descriptor() reports what is wrong with the file
		}
	}

	/**
	 * The engine network file of a folder: its only one, else the one named {@code network.net} or after the folder
	 * (the shipped {@code nuclei/nuclei.net} beside the earlier {@code first-cycle.net}); null when none is clear.
	 */
	private static Path engineFile(Path dir) {
		if (dir == null) return null;
		List<Path> engines = new ArrayList<>();
		for (Path f : list(dir)) if (isEngineNetwork(f)) engines.add(f);
		if (engines.size() == 1) return engines.get(0);
		Path folderName = dir.toAbsolutePath().getFileName();
		for (Path f : engines) {
			String n = f.getFileName().toString();
			if (n.equals("network.net") || folderName != null && n.equals(folderName + ".net")) return f;
		}
		return null;
	}

	/** A file written by {@link NetworkIO} (it starts with {@link NetworkIO#MAGIC}), whatever its name. */
	static boolean isEngineNetwork(Path f) {
		byte[] magic = NetworkIO.MAGIC.getBytes(StandardCharsets.US_ASCII);
		try (InputStream in = Files.newInputStream(f)) {
			return java.util.Arrays.equals(in.readNBytes(magic.length), magic);
		} catch (IOException e) {
			return false;
		}
	}

	private static List<Path> list(Path dir, String... endings) {
		try (Stream<Path> s = Files.list(dir)) {
			List<Path> out = new ArrayList<>();
			s.filter(Files::isRegularFile).sorted().forEach(f -> {
				String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
				if (endings.length == 0) out.add(f);
				for (String e : endings) if (n.endsWith(e)) { out.add(f); break; }
			});
			return out;
		} catch (IOException e) {
			throw new ModelFormatException("cannot list " + dir + ": " + e, e);
		}
	}

	private static String stem(Path f) {
		return f.getFileName().toString().replaceFirst("(\\.bioimageio)?\\.[^.]+$", "");
	}

	/** The model's name: its folder's name, or the file name without extension. */
	public String name() { return name; }
	/** The bioimage.io description, or null for a bare {@code .onnx} or engine file. */
	public Path description() { return description; }
	/** The ONNX weights, or null when there are none (an engine network). */
	public Path onnx() { return onnx; }
	/** The engine network file ({@link NetworkIO}), or null. */
	public Path networkFile() { return networkFile; }

	/** What the model was found as, for messages: its description, ONNX file or engine file. */
	public Path source() { return description != null ? description : onnx != null ? onnx : networkFile; }

	/** The parsed description, or one made for a bare {@code .onnx}; memoised. */
	public synchronized ModelDescriptor descriptor() {
		if (descriptor == null) {
			if (description != null) descriptor = BioimageioReader.read(description);
			else if (onnx != null) descriptor = ModelDescriptor.forOnnx(onnx);
			else throw new ModelFormatException(networkFile + " is an engine network without ONNX weights; this task needs an ONNX model");
		}
		return descriptor;
	}

	/** The description's {@code config: convnet:} block (decoders, classes, task, diameter); empty for bare files. */
	public Map<String, Object> config() {
		return description == null ? Map.of() : convnetBlock(yaml());
	}

	private synchronized Map<String, Object> yaml() {
		if (yaml == null) yaml = BioimageioReader.load(description);
		return yaml;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> convnetBlock(Map<String, Object> root) {
		if (root.get("config") instanceof Map<?, ?> c && c.get("convnet") instanceof Map<?, ?> cn) return (Map<String, Object>) cn;
		return Map.of();
	}

	/**
	 * The class names in output order ({@code config: convnet: classes:}); a bare {@code .onnx} or engine file takes
	 * them from the {@value #COMPANION} beside it (where an exported classifier keeps them). Empty when none are given.
	 */
	public List<String> classes() {
		Map<String, Object> c = config();
		Path companion = companion();
		if (companion != null) c = convnetBlock(BioimageioReader.load(companion));
		List<String> names = new ArrayList<>();
		if (c.get("classes") instanceof List<?> l) for (Object o : l) names.add(String.valueOf(o));
		return names;
	}

	/**
	 * The first input as described (axes and preprocessing): by the model's description, else by the {@value #COMPANION}
	 * beside a bare file; null when neither lists inputs. {@link InputNormalization} decides from this.
	 */
	public TensorDescription describedInput() {
		Path yaml = description != null ? description : companion();
		return yaml == null ? null : BioimageioReader.firstInput(yaml);
	}

	/** The {@value #COMPANION} beside a bare {@code .onnx} or engine file, or null (also for a described model). */
	private Path companion() {
		if (description != null) return null;
		Path companion = source().toAbsolutePath().resolveSibling(COMPANION);
		return Files.isRegularFile(companion) ? companion : null;
	}

	/** What the description says the model is for ({@code config: convnet: task:}, else its tags); null when it does not say. */
	public ModelTask task() {
		if (description == null) return null;
		ModelTask t = ModelTask.of(config().get("task") == null ? null : String.valueOf(config().get("task")));
		if (t != null) return t;
		if (config().containsKey("decoder")) return ModelTask.DETECTION;
		if (yaml().get("tags") instanceof List<?> tags)
			for (Object tag : tags) if ((t = ModelTask.of(String.valueOf(tag))) != null) return t;
		return null;
	}

	private Path requireOnnx() {
		if (onnx == null) throw new ModelFormatException(networkFile + " is an engine network without ONNX weights; this task needs an ONNX model");
		digest();
		return onnx;
	}

	/** Verified digests: "path|size|mtime" of a weights file → its sha256 (each file hashed once per JVM until it changes). */
	private static final java.util.Map<String, String> DIGESTS = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * The sha256 of the model's weights (the ONNX file, else the engine file), for batch journals. When the
	 * description gives a {@code sha256} the file is checked against it, once per file (cached by path, size and
	 * modification time), and a mismatch is refused as a damaged, truncated or replaced file.
	 *
	 * @throws ModelFormatException on a mismatch or an unreadable file
	 */
	public String digest() {
		Path weights = onnx != null ? onnx : networkFile;
		if (weights == null || !Files.isRegularFile(weights)) throw new ModelFormatException("Model file not found: " + (weights != null ? weights : source()));
		String key;
		try {
			key = weights.toAbsolutePath() + "|" + Files.size(weights) + "|" + Files.getLastModifiedTime(weights).toMillis();
		} catch (IOException e) {
			throw new ModelFormatException("cannot read " + weights + ": " + e, e);
		}
		String known = DIGESTS.get(key);
		if (known != null) return known;
		String actual = sha256(weights);
		if (onnx != null && description != null) {
			String expected = descriptor().weightsSha256();
			if (expected != null && !expected.equalsIgnoreCase(actual))
				throw new ModelFormatException(weights + ": sha256 " + actual + " differs from " + expected + " given in " + description
						+ " (a damaged, truncated or replaced file); the model is refused");
		}
		DIGESTS.put(key, actual);
		return actual;
	}

	static String sha256(Path file) {
		try {
			return sc.fiji.convnet.io.Digests.sha256(file);
		} catch (IOException e) {
			throw new ModelFormatException("cannot read " + file + ": " + e, e);
		}
	}

	/** The ONNX Runtime session from the shared cache (the default thread count); owned by the cache: do not close. */
	public OnnxSession session() {
		return SessionCache.shared().get(requireOnnx(), Kernels.defaultThreads());
	}

	/** For holders that keep the model across calls: looks the session up at each call, so an evicted one is reopened. */
	public Supplier<OnnxSession> sessions() {
		return sessions(Kernels.defaultThreads());
	}

	/** As {@link #sessions()} with {@code intraOpThreads} threads per run (a cluster task's share of its machine). */
	public Supplier<OnnxSession> sessions(int intraOpThreads) {
		return SessionCache.shared().supplier(requireOnnx(), intraOpThreads);
	}

	/**
	 * The model as an engine network (for the gradient-based methods): the engine file itself, or the ONNX weights
	 * imported for 1×C×{@code height}×{@code width} inputs; {@code height ≤ 0}: for the shape the ONNX model declares.
	 * An import is refused ({@link ImportCheck.Refused}, one line naming the first diverging node) unless its
	 * {@link #checkImport() self-check} against ONNX Runtime passed.
	 */
	public Network network(int height, int width) throws IOException {
		if (onnx == null || !Files.isRegularFile(onnx)) {
			if (networkFile != null) return Network.load(networkFile);
			throw new IOException("Model file not found: " + (onnx != null ? onnx : source()));
		}
		try {
			digest();
		} catch (ModelFormatException e) {
			throw new IOException(e.getMessage(), e);
		}
		ImportCheck.require("model " + name, onnx, m -> checkInput(m).tensors(), Kernels.defaultThreads());
		if (height <= 0) return OnnxImporter.load(onnx).network();
		var model = OnnxReader.read(onnx);
		ValueInfo in = model.graph().runtimeInputs().get(0);
		long[] dims = in.hasShape() ? in.dims() : new long[0];
		if (dims.length != 4) throw new IOException(onnx + ": input '" + in.name() + "' has shape " + in.shape() + "; an N×C×H×W image input is needed");
		int channels = dims[1] > 0 ? (int) dims[1] : 1;
		return OnnxImporter.fromModel(model, 1, channels, height, width).network();
	}

	/**
	 * The self-check of the engine's import of the ONNX weights ({@link ImportCheck}: one pass on ONNX Runtime and on
	 * the engine with {@link #checkInput}), run once per weights digest; {@link #network} refuses a model that fails it.
	 */
	public ImportCheck.Result checkImport() throws IOException {
		return ImportCheck.check(requireOnnx(), m -> checkInput(m).tensors(), Kernels.defaultThreads());
	}

	/** The input of the self-check by graph input name, and where it came from (for reports). */
	public record CheckInput(Map<String, Tensor> tensors, String source) {}

	/** Spatial size of a free axis in the deterministic check input. */
	static final int CHECK_SIZE = 64;

	/**
	 * The self-check's input: the description's test inputs ({@code .npy}) when it names one per graph input and they
	 * are readable; else arange(n)/n of each input's shape, a free batch axis 1 and other free axes the description's
	 * valid size nearest above {@value #CHECK_SIZE} (or {@value #CHECK_SIZE}).
	 */
	public CheckInput checkInput(OnnxModel model) {
		List<ValueInfo> inputs = model.graph().runtimeInputs();
		ModelDescriptor d = description == null ? null : descriptor();
		Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
		if (d != null && d.testInputs().size() == inputs.size()) {
			try {
				for (int i = 0; i < inputs.size(); i++) tensors.put(inputs.get(i).name(), Npy.read(d.testInputs().get(i)));
				return new CheckInput(tensors, "the description's test input " + d.testInputs().stream().map(p -> p.getFileName().toString()).toList());
			} catch (IOException | RuntimeException e) {
				tensors.clear(); // a missing or unreadable test input: the deterministic one instead
			}
		}
		List<String> shapes = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			ValueInfo in = inputs.get(i);
			long[] dims = in.hasShape() ? in.dims() : new long[] { -1, -1, -1, -1 };
			List<Axis> axes = d != null && i < d.inputs().size() ? d.inputs().get(i).axes() : List.of();
			int[] shape = new int[dims.length];
			for (int k = 0; k < dims.length; k++) {
				Axis a = k < axes.size() ? axes.get(k) : null;
				if (dims[k] > 0) shape[k] = (int) dims[k];
				else if (k == 0 || a != null && a.type() == AxisType.BATCH) shape[k] = 1;
				else if (a != null && a.validSizeAtLeast(CHECK_SIZE) > 0) shape[k] = a.validSizeAtLeast(CHECK_SIZE);
				else shape[k] = CHECK_SIZE;
			}
			tensors.put(in.name(), EngineConformance.arange(shape));
			shapes.add(java.util.Arrays.toString(shape));
		}
		return new CheckInput(tensors, "arange(n)/n of shape " + String.join(", ", shapes));
	}

	@Override
	public String toString() {
		return "model " + name + " (" + source() + ")";
	}
}
