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
import sc.fiji.convnet.onnx.imports.OnnxImporter;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.onnx.read.ValueInfo;

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
			return source == null ? null : yaml.toAbsolutePath().resolveSibling(source.toString());
		} catch (ModelFormatException e) {
			return null; // descriptor() reports what is wrong with the file
		}
	}

	/** The one engine network file of a folder, or null when it has none or several. */
	private static Path engineFile(Path dir) {
		if (dir == null) return null;
		List<Path> engines = new ArrayList<>();
		for (Path f : list(dir)) if (isEngineNetwork(f)) engines.add(f);
		return engines.size() == 1 ? engines.get(0) : null;
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
		if (description == null) {
			Path companion = source().toAbsolutePath().resolveSibling(COMPANION);
			if (Files.isRegularFile(companion)) c = convnetBlock(BioimageioReader.load(companion));
		}
		List<String> names = new ArrayList<>();
		if (c.get("classes") instanceof List<?> l) for (Object o : l) names.add(String.valueOf(o));
		return names;
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
		return onnx;
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
	 */
	public Network network(int height, int width) throws IOException {
		if (onnx == null || !Files.isRegularFile(onnx)) {
			if (networkFile != null) return Network.load(networkFile);
			throw new IOException("Model file not found: " + (onnx != null ? onnx : source()));
		}
		if (height <= 0) return OnnxImporter.load(onnx).network();
		var model = OnnxReader.read(onnx);
		ValueInfo in = model.graph().runtimeInputs().get(0);
		long[] dims = in.hasShape() ? in.dims() : new long[0];
		if (dims.length != 4) throw new IOException(onnx + ": input '" + in.name() + "' has shape " + in.shape() + "; an N×C×H×W image input is needed");
		int channels = dims[1] > 0 ? (int) dims[1] : 1;
		return OnnxImporter.fromModel(model, 1, channels, height, width).network();
	}

	@Override
	public String toString() {
		return "model " + name + " (" + source() + ")";
	}
}
