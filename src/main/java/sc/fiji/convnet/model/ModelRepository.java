package sc.fiji.convnet.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The one place every task and entry point finds its models. {@link #resolve} takes what a user typed:
 * <ul>
 * <li>the name of a <b>shipped</b> model: a folder of the {@code models/} folder named by the system property
 * {@value #SHIPPED_PROPERTY} (which {@code bin/convnet} sets), else one inside the plugin jar (unpacked once per
 * JVM into one temporary folder, deleted at exit);</li>
 * <li>the name of an <b>installed</b> model: a folder of the user's models folder, {@code ~/.convnet/models} (or
 * the system property {@value #INSTALLED_PROPERTY}), where training commands install what they train;</li>
 * <li>a path to a model folder, a bioimage.io description ({@code bioimageio.yaml}, {@code rdf.yaml}), a bare
 * {@code .onnx} or an engine network file ({@code .net}).</li>
 * </ul>
 * A name is looked up among the shipped models first, so the defaults ({@link ModelTask#defaultModel()}) always
 * mean the shipped models. Sessions come from the one bounded {@link sc.fiji.convnet.onnx.SessionCache}.
 * <pre>{@code
 * ModelFiles m = ModelRepository.standard().resolve("bccd-classifier");
 * List<String> detectors = ModelRepository.standard().list(ModelTask.DETECTION);
 * }</pre>
 */
public final class ModelRepository {

	/** System property: the folder of the shipped models ({@code bin/convnet} sets it to the checkout's {@code models/}). */
	public static final String SHIPPED_PROPERTY = "convnet.models";
	/** System property: the folder of installed models, instead of {@code ~/.convnet/models}. */
	public static final String INSTALLED_PROPERTY = "convnet.installed.models";

	private final Path shipped;
	private final BundledModels bundled;
	private final Path installed;

	ModelRepository(Path shipped, BundledModels bundled, Path installed) {
		this.shipped = shipped;
		this.bundled = bundled;
		this.installed = installed;
	}

	/** A repository of these folders (either may be null), without the models inside the jar. */
	public static ModelRepository of(Path shipped, Path installed) {
		return new ModelRepository(shipped, null, installed);
	}

	/** The repository of this JVM: the shipped folder of {@value #SHIPPED_PROPERTY}, the jar's models, the installed folder. */
	public static ModelRepository standard() {
		String shippedFolder = System.getProperty(SHIPPED_PROPERTY);
		return new ModelRepository(shippedFolder == null || shippedFolder.isBlank() ? null : Path.of(shippedFolder), BundledModels.plugin(),
				installedFolder());
	}

	/** Where models are installed: {@value #INSTALLED_PROPERTY}, else {@code ~/.convnet/models}. */
	public static Path installedFolder() {
		String p = System.getProperty(INSTALLED_PROPERTY);
		return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".convnet", "models");
	}

	/**
	 * The model a user means by {@code nameOrPath}.
	 *
	 * @throws ModelFormatException with one line naming the available models when nothing fits, or saying what is
	 *                              wrong with the path
	 */
	public ModelFiles resolve(String nameOrPath) {
		if (nameOrPath == null || nameOrPath.isBlank()) throw new ModelFormatException("no model given; available: " + String.join(", ", names()));
		String s = nameOrPath.strip();
		Path named = isName(s) ? folderOf(s) : null;
		if (named != null) return ModelFiles.at(named);
		Path p = Path.of(s);
		if (Files.exists(p)) return ModelFiles.at(p);
		String available = "available models: " + (names().isEmpty() ? "none" : String.join(", ", names())) + " (installed ones in " + installed + ")";
		if (isName(s) && !s.contains("."))
			throw new ModelFormatException("model '" + s + "' not found: no shipped or installed model has that name and no such file exists; " + available);
		throw new ModelFormatException("Model file not found: " + s + "; " + available);
	}

	/** {@link #resolve}, with a model that cannot be found or read as an {@link IOException} (for callers that declare one). */
	public ModelFiles find(String nameOrPath) throws IOException {
		try {
			return resolve(nameOrPath);
		} catch (ModelFormatException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	/** As {@link #find}, with the description parsed ({@link ModelFiles#descriptor()}), for tasks that run the ONNX description. */
	public ModelFiles findDescribed(String nameOrPath) throws IOException {
		try {
			ModelFiles files = resolve(nameOrPath);
			files.descriptor();
			return files;
		} catch (ModelFormatException e) {
			throw new IOException(e.getMessage(), e);
		}
	}

	/** The names of every shipped and installed model, sorted, each once. */
	public List<String> names() {
		TreeSet<String> all = new TreeSet<>();
		all.addAll(folders(shipped));
		if (bundled != null) all.addAll(bundled.names());
		all.addAll(folders(installed));
		return new ArrayList<>(all);
	}

	/** The shipped and installed models whose descriptions say they are for {@code task} (choice lists of dialogs). */
	public List<String> list(ModelTask task) {
		List<String> out = new ArrayList<>();
		for (String name : names()) {
			try {
				if (ModelFiles.at(folderOf(name, false)).task() == task) out.add(name); // read in place: nothing is unpacked
			} catch (RuntimeException unreadable) {
				// a damaged folder is no choice
			}
		}
		return out;
	}

	/** The folder installed models go to. */
	public Path installed() { return installed; }

	private Path folderOf(String name) {
		return folderOf(name, true);
	}

	/** @param unpack whether a model inside the jar is wanted on disk (to run it) or only its description (in place) */
	private Path folderOf(String name, boolean unpack) {
		if (shipped != null && Files.isDirectory(shipped.resolve(name))) return shipped.resolve(name);
		Path inJar = bundled == null ? null : unpack ? bundled.folder(name) : bundled.inPlace(name);
		if (inJar != null) return inJar;
		if (installed != null && Files.isDirectory(installed.resolve(name))) return installed.resolve(name);
		return null;
	}

	private static boolean isName(String s) {
		return !s.contains("/") && !s.contains("\\") && !s.equals(".") && !s.equals("..");
	}

	private static List<String> folders(Path dir) {
		if (dir == null || !Files.isDirectory(dir)) return List.of();
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(Files::isDirectory).map(d -> d.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
		} catch (IOException e) {
			return List.of();
		}
	}
}
