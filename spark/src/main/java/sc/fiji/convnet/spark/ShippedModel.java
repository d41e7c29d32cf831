package sc.fiji.convnet.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import sc.fiji.convnet.model.ModelFiles;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationModels;

/**
 * A model's files as bytes, broadcast once to the executors: its description ({@code bioimageio.yaml}) and
 * weights ({@code .onnx}), nothing else of its folder. Each executor JVM unpacks them once into a temporary folder
 * and opens the model once per thread count ({@link #open}); its ONNX Runtime sessions then live in the plugin's
 * shared session cache for every later task of that JVM.
 */
public final class ShippedModel implements Serializable {

	private static final long serialVersionUID = 1L;

	/** Per executor JVM: digest → unpacked folder, and (digest, threads) → opened model. */
	private static final Map<String, Path> UNPACKED = new ConcurrentHashMap<>();
	private static final Map<String, SegmentationModel> OPENED = new ConcurrentHashMap<>();

	private final String name, digest, entry;
	private final LinkedHashMap<String, byte[]> files;

	private ShippedModel(String name, String entry, LinkedHashMap<String, byte[]> files, String digest) {
		this.name = name;
		this.entry = entry;
		this.files = files;
		this.digest = digest;
	}

	/** Reads the model a user names (shipped, installed or a path) on the driver. */
	public static ShippedModel read(String nameOrPath) throws IOException {
		ModelFiles m = ModelRepository.standard().find(nameOrPath);
		LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
		MessageDigest sha;
		try {
			sha = MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		for (Path p : new Path[] { m.description(), m.onnx() }) {
			if (p == null) continue;
			byte[] bytes = Files.readAllBytes(p);
			files.put(p.getFileName().toString(), bytes);
			sha.update(p.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			sha.update(bytes);
		}
		if (m.onnx() == null) throw new IOException("model " + nameOrPath + " has no ONNX weights; the Spark job runs ONNX models");
		String entry = (m.description() != null ? m.description() : m.onnx()).getFileName().toString();
		return new ShippedModel(nameOrPath, entry, files, HexFormat.of().formatHex(sha.digest()));
	}

	public String name() { return name; }
	public String digest() { return digest; }
	public long bytes() { return files.values().stream().mapToLong(b -> b.length).sum(); }

	/** The model in this JVM, unpacked and opened on first use, with {@code threads} ONNX Runtime threads per run. */
	public SegmentationModel open(int threads) {
		return OPENED.computeIfAbsent(digest + "/" + threads, k -> {
			try {
				return SegmentationModels.load(unpacked().resolve(entry).toString(), threads);
			} catch (IOException e) {
				throw new UncheckedIOException("cannot open the shipped model " + name, e);
			}
		});
	}

	private Path unpacked() {
		return UNPACKED.computeIfAbsent(digest, k -> {
			try {
				Path dir = Files.createTempDirectory("convnet-model-" + digest.substring(0, 12) + "-");
				dir.toFile().deleteOnExit();
				for (Map.Entry<String, byte[]> f : files.entrySet()) {
					Path p = dir.resolve(f.getKey());
					Files.write(p, f.getValue());
					p.toFile().deleteOnExit();
				}
				return dir;
			} catch (IOException e) {
				throw new UncheckedIOException("cannot unpack the model " + name, e);
			}
		});
	}
}
