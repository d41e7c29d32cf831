package sc.fiji.convnet.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelFormatException;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationModels;

/**
 * The files a model runs from, as bytes, broadcast once to the executors: its description ({@code bioimageio.yaml}),
 * ONNX weights, engine network file and the test inputs the description names (the engine's import self-check reads
 * them), by their paths relative to the model's folder; nothing else of the folder. Each executor JVM unpacks them
 * once into a temporary folder named like the model's own (so the model keeps its name) and opens the model from
 * there; its ONNX Runtime sessions then live in the plugin's shared session cache for every later task of that JVM.
 */
public final class ShippedModel implements Serializable {

	private static final long serialVersionUID = 1L;

	/** Per executor JVM: digest → unpacked entry file, and (digest, threads) → opened segmentation model. */
	private static final Map<String, Path> UNPACKED = new ConcurrentHashMap<>();
	private static final Map<String, SegmentationModel> OPENED = new ConcurrentHashMap<>();

	private final String name, digest, folder, entry;
	private final LinkedHashMap<String, byte[]> files;

	private ShippedModel(String name, String folder, String entry, LinkedHashMap<String, byte[]> files, String digest) {
		this.name = name;
		this.folder = folder;
		this.entry = entry;
		this.files = files;
		this.digest = digest;
	}

	/** Reads the model a user names (shipped, installed or a path) on the driver. */
	public static ShippedModel read(String nameOrPath) throws IOException {
		ModelFiles m = ModelRepository.standard().find(nameOrPath);
		Path home = m.source().toAbsolutePath().normalize().getParent();
		LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
		MessageDigest sha;
		try {
			sha = MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		for (Path p : used(m)) {
			String relative = home.relativize(p.toAbsolutePath().normalize()).toString();
			if (relative.startsWith("..") || files.containsKey(relative)) continue; // outside the model's folder: not shipped
			byte[] bytes = Files.readAllBytes(p);
			files.put(relative, bytes);
			sha.update(relative.getBytes(StandardCharsets.UTF_8));
			sha.update(bytes);
		}
		String entry = home.relativize(m.source().toAbsolutePath().normalize()).toString();
		return new ShippedModel(nameOrPath, home.getFileName().toString(), entry, files, HexFormat.of().formatHex(sha.digest()));
	}

	/** The description, the weights (ONNX and engine) and the description's test inputs, where present. */
	private static List<Path> used(ModelFiles m) {
		List<Path> used = new ArrayList<>();
		for (Path p : new Path[] { m.description(), m.onnx(), m.networkFile() }) if (p != null && Files.isRegularFile(p)) used.add(p);
		if (m.description() != null) {
			try {
				for (Path p : m.descriptor().testInputs()) if (Files.isRegularFile(p)) used.add(p);
			} catch (ModelFormatException e) { // opening the model reports what is wrong with its description
			}
		}
		return used;
	}

	public String name() { return name; }
	public String digest() { return digest; }
	public long bytes() { return files.values().stream().mapToLong(b -> b.length).sum(); }

	/** The segmentation model in this JVM, unpacked and opened on first use, with {@code threads} ONNX Runtime threads per run. */
	public SegmentationModel open(int threads) {
		if (files.keySet().stream().noneMatch(f -> f.endsWith(".onnx")))
			throw new IllegalArgumentException("model " + name + " has no ONNX weights; the Spark block job runs ONNX models");
		return OPENED.computeIfAbsent(digest + "/" + threads, k -> {
			try {
				return SegmentationModels.load(path().toString(), threads);
			} catch (IOException e) {
				throw new UncheckedIOException("cannot open the shipped model " + name, e);
			}
		});
	}

	/** The model's entry file (description, else weights) in this JVM's unpacked copy, for the plugin's model loaders. */
	public Path path() {
		return UNPACKED.computeIfAbsent(digest, k -> {
			try {
				Path temporary = Files.createTempDirectory("convnet-model-" + digest.substring(0, 12) + "-");
				Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(temporary)));
				Path dir = Files.createDirectory(temporary.resolve(folder));
				for (Map.Entry<String, byte[]> f : files.entrySet()) {
					Path p = dir.resolve(f.getKey());
					Files.createDirectories(p.getParent());
					Files.write(p, f.getValue());
				}
				return dir.resolve(entry);
			} catch (IOException e) {
				throw new UncheckedIOException("cannot unpack the model " + name, e);
			}
		});
	}

	private static void deleteTree(Path root) {
		try (java.util.stream.Stream<Path> s = Files.walk(root)) {
			for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
		} catch (IOException ignored) { // a temporary folder left behind at exit
		}
	}
}
