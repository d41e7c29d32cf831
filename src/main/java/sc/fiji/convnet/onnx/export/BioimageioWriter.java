package sc.fiji.convnet.onnx.export;

import sc.fiji.convnet.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.tensor.Npy;
import sc.fiji.convnet.tensor.Tensor;

/**
 * Exports an engine {@link Network} as a bioimage.io model folder (format 0.5): {@code model.onnx}
 * (through {@link OnnxExporter}), {@code bioimageio.yaml}, {@code README.md} and, when a test input is
 * given, {@code test_input.npy} / {@code test_output.npy} (the engine's own output for it).
 * <pre>
 * Path yaml = BioimageioWriter.forNetwork(net)
 *         .name("Nuclei U-Net").description("3-class nuclei segmentation")
 *         .author("A. Person", "Some Lab").license("MIT")
 *         .outputChannelNames("background", "interior", "boundary")
 *         .preprocessing(ProcessingStep.scaleRange(1, 99.8))
 *         .config(Map.of("task", "nuclei", "classes", 3))
 *         .testInput(sample)
 *         .export(Path.of("models/nuclei"));
 * </pre>
 * Input axes: batch, channel, y, x, where y and x take any size {@code min + k·step} with step =
 * {@link Network#sizeMultiple()}. Output axes refer to the input's y and x with the given halo (by default
 * half the network's receptive field).
 */
public final class BioimageioWriter {

	public static final String FORMAT_VERSION = "0.5.3";
	public static final String MODEL_FILE = "model.onnx";
	public static final String DESCRIPTOR_FILE = "bioimageio.yaml";

	private final Network net;
	private String name = "ConvNet model", description = "", license = "MIT", documentation;
	private String inputId = OnnxExporter.INPUT, outputId = OnnxExporter.OUTPUT;
	private final List<Map<String, Object>> authors = new ArrayList<>(), cite = new ArrayList<>();
	private final List<String> tags = new ArrayList<>();
	private List<String> inputChannels, outputChannels;
	private final List<ProcessingStep> pre = new ArrayList<>(), post = new ArrayList<>();
	private Integer halo, minSize;
	private FixedSize fixedSize;
	private Map<String, Object> config;
	private Tensor testInput;

	private BioimageioWriter(Network net) { this.net = net; }

	public static BioimageioWriter forNetwork(Network net) {
		if (net == null) throw new IllegalArgumentException("BioimageioWriter: no network");
		return new BioimageioWriter(net);
	}

	public BioimageioWriter name(String n) { name = n; return this; }
	public BioimageioWriter description(String d) { description = d; return this; }
	public BioimageioWriter license(String spdxId) { license = spdxId; return this; }
	public BioimageioWriter author(String authorName) { return author(authorName, null); }

	public BioimageioWriter author(String authorName, String affiliation) {
		Map<String, Object> a = new LinkedHashMap<>();
		a.put("name", authorName);
		if (affiliation != null) a.put("affiliation", affiliation);
		authors.add(a);
		return this;
	}

	/** A reference to cite: text and a DOI (10.…) or URL. */
	public BioimageioWriter cite(String text, String doiOrUrl) {
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("text", text);
		c.put(doiOrUrl.startsWith("10.") ? "doi" : "url", doiOrUrl);
		cite.add(c);
		return this;
	}

	public BioimageioWriter tags(String... t) { tags.addAll(Arrays.asList(t)); return this; }

	/** The README.md text (by default the name and description). */
	public BioimageioWriter documentation(String markdown) { documentation = markdown; return this; }

	public BioimageioWriter inputId(String id) { inputId = id; return this; }
	public BioimageioWriter outputId(String id) { outputId = id; return this; }

	public BioimageioWriter inputChannelNames(String... names) {
		inputChannels = checkedChannels(names, net.inputChannels(), "input");
		return this;
	}

	public BioimageioWriter outputChannelNames(String... names) {
		outputChannels = List.of(names); // checked against the network at export, once a fixed size is known
		return this;
	}

	/** Appends steps applied to the input before the model (e.g. {@link ProcessingStep#scaleRange}). */
	public BioimageioWriter preprocessing(ProcessingStep... steps) { pre.addAll(Arrays.asList(steps)); return this; }

	/** Appends steps applied to the model's output. */
	public BioimageioWriter postprocessing(ProcessingStep... steps) { post.addAll(Arrays.asList(steps)); return this; }

	/** Pixels to crop from each side of every output tile (in input pixels). */
	public BioimageioWriter halo(int pixels) {
		if (pixels < 0) throw new IllegalArgumentException("BioimageioWriter: negative halo " + pixels);
		halo = pixels;
		return this;
	}

	/** The smallest input height and width (rounded up to a multiple of the size step). */
	public BioimageioWriter minSize(int pixels) {
		if (pixels < 1) throw new IllegalArgumentException("BioimageioWriter: minimum size must be positive, got " + pixels);
		minSize = pixels;
		return this;
	}

	/** For networks that accept only one input size (Flatten + Linear): y and x get these fixed sizes. */
	public BioimageioWriter fixedInputSize(int height, int width) {
		fixedSize = new FixedSize(height, width);
		return this;
	}

	/** A free mapping written as {@code config: {convnet: …}} (training settings, task, class names …). */
	public BioimageioWriter config(Map<String, Object> convnet) {
		config = convnet == null ? null : new LinkedHashMap<>(convnet);
		return this;
	}

	/** An N×C×H×W sample; it and the engine's output for it are saved as the model's test tensors. */
	public BioimageioWriter testInput(Tensor input) {
		testInput = input;
		return this;
	}

	/**
	 * Writes model.onnx, the test tensors, README.md and bioimageio.yaml into {@code dir} (created when
	 * missing); returns the descriptor's path.
	 */
	public Path export(Path dir) throws IOException {
		Files.createDirectories(dir);
		OnnxExporter.export(net, dir.resolve(MODEL_FILE), name.replaceAll("\\s+", "_"), fixedSize);
		if (testInput != null) {
			Tensor out = net.forward(testInput.copy(), Phase.INFERENCE);
			Npy.write(dir.resolve("test_input.npy"), testInput);
			Npy.write(dir.resolve("test_output.npy"), out);
		}
		AtomicFiles.write(dir.resolve("README.md"), (documentation != null ? documentation
				: "# " + name + "\n\n" + description + "\n\nExported from ConvNet for Fiji (ONNX opset " + OnnxExporter.OPSET + ").\n")
				.getBytes(StandardCharsets.UTF_8));
		// the description last: a folder whose export was cut short holds no model
		Path yaml = dir.resolve(DESCRIPTOR_FILE);
		AtomicFiles.write(yaml, toYaml(descriptor(sha256(dir.resolve(MODEL_FILE)))).getBytes(StandardCharsets.UTF_8));
		return yaml;
	}

	/** The descriptor as YAML text (block style, keys in the order of the bioimage.io documentation). */
	static String toYaml(Map<String, Object> descriptor) {
		DumperOptions o = new DumperOptions();
		o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		o.setIndent(2);
		o.setIndicatorIndent(2);
		o.setIndentWithIndicator(true);
		o.setWidth(120);
		return new Yaml(o).dump(descriptor);
	}

	/** The descriptor tree; {@code weightsSha256} may be null. */
	Map<String, Object> descriptor(String weightsSha256) {
		Map<String, Object> d = new LinkedHashMap<>();
		d.put("format_version", FORMAT_VERSION);
		d.put("type", "model");
		d.put("name", name);
		d.put("description", description);
		d.put("authors", authors.isEmpty() ? List.of(Map.of("name", "unknown")) : authors);
		if (!cite.isEmpty()) d.put("cite", cite);
		d.put("license", license);
		d.put("documentation", "README.md");
		if (!tags.isEmpty()) d.put("tags", tags);
		d.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		d.put("inputs", List.of(inputTensor()));
		d.put("outputs", List.of(outputTensor()));
		Map<String, Object> onnx = new LinkedHashMap<>();
		onnx.put("source", MODEL_FILE);
		if (weightsSha256 != null) onnx.put("sha256", weightsSha256);
		onnx.put("opset_version", OnnxExporter.OPSET);
		d.put("weights", Map.of("onnx", onnx));
		if (config != null) d.put("config", Map.of("convnet", config));
		return d;
	}

	private Map<String, Object> inputTensor() {
		int step = Math.max(1, net.sizeMultiple());
		int min = fixedSize != null ? 0 : minimumSize(step);
		List<Object> axes = new ArrayList<>();
		axes.add(Map.of("type", "batch"));
		axes.add(channelAxis(inputChannels, net.inputChannels(), "in"));
		for (String id : List.of("y", "x")) {
			Map<String, Object> a = new LinkedHashMap<>();
			a.put("type", "space");
			a.put("id", id);
			if (fixedSize != null) a.put("size", id.equals("y") ? fixedSize.height() : fixedSize.width());
			else a.put("size", sizeMinStep(min, step));
			axes.add(a);
		}
		return tensor(inputId, "the image, channels first", axes, "preprocessing", pre, testInput != null ? "test_input.npy" : null);
	}

	private Map<String, Object> outputTensor() {
		OutputAxes out = OutputAxes.of(net, fixedSize);
		int h = halo != null ? halo : defaultHalo();
		List<Object> axes = new ArrayList<>();
		axes.add(Map.of("type", "batch"));
		int channels = outputChannelCount();
		if (outputChannels != null) checkedChannels(outputChannels.toArray(new String[0]), channels, "output");
		if (out.rank() >= 2) axes.add(channelAxis(outputChannels, channels, "out"));
		for (int i = 2; i < out.rank(); i++) {
			OutputAxes.OutputAxis x = out.axis(i);
			String id = out.rank() == 4 ? (i == 2 ? "y" : "x") : "dim" + i;
			Map<String, Object> a = new LinkedHashMap<>();
			a.put("type", "space");
			a.put("id", id);
			if (x.isFixed()) a.put("size", x.fixedSize());
			else {
				Map<String, Object> size = new LinkedHashMap<>();
				size.put("tensor_id", inputId);
				size.put("axis_id", x.inputAxis() == 2 ? "y" : "x");
				if (x.offset() != 0) size.put("offset", (int) Math.round(x.offset()));
				a.put("size", size);
				if (x.factor() != 1) a.put("scale", 1 / x.factor()); // 0.5: size = reference size · reference scale / scale + offset
				int outHalo = (int) Math.ceil(h * x.factor());
				if (outHalo > 0) a.put("halo", outHalo);
			}
			axes.add(a);
		}
		return tensor(outputId, "the network's output (logits unless postprocessed)", axes, "postprocessing", post, testInput != null ? "test_output.npy" : null);
	}

	private static Map<String, Object> tensor(String id, String description, List<Object> axes, String stepsKey, List<ProcessingStep> steps, String test) {
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("id", id);
		t.put("description", description);
		t.put("axes", axes);
		if (test != null) t.put("test_tensor", Map.of("source", test));
		t.put("data", Map.of("type", "float32"));
		if (!steps.isEmpty()) {
			List<Object> s = new ArrayList<>();
			for (ProcessingStep p : steps) s.add(p.toYaml());
			t.put(stepsKey, s);
		}
		return t;
	}

	private static Map<String, Object> channelAxis(List<String> names, int count, String prefix) {
		Map<String, Object> a = new LinkedHashMap<>();
		a.put("type", "channel");
		List<String> n = names;
		if (n == null) {
			n = new ArrayList<>();
			for (int c = 0; c < count; c++) n.add(prefix + c);
		}
		a.put("channel_names", n);
		return a;
	}

	private static Map<String, Object> sizeMinStep(int min, int step) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("min", min);
		s.put("step", step);
		return s;
	}

	/** The requested minimum (or the step), raised to the smallest multiple of the step the network accepts. */
	private int minimumSize(int step) {
		int start = minSize != null ? minSize : step;
		int size = (start + step - 1) / step * step;
		for (; size <= 1 << 14; size += step) {
			try {
				OutputAxes.shapes(net, 1, net.inputChannels(), size, size);
				return size;
			} catch (IllegalArgumentException | IllegalStateException tooSmall) {
				// strided layers need a larger input
			}
		}
		throw new OnnxExportException("BioimageioWriter: the network accepts no input size between " + start + " and " + (1 << 14));
	}

	/** Half the receptive field, rounded up: context each output pixel needs on either side. */
	private int defaultHalo() {
		ReceptiveField rf = net.receptiveField();
		if (!Double.isFinite(rf.size())) return 0;
		return (int) Math.ceil((rf.size() - 1) / 2);
	}

	private int outputChannelCount() {
		int[][] all = OutputAxes.shapes(net, OutputAxes.sampleInput(net, fixedSize));
		int[] s = all[all.length - 1];
		return s.length < 2 ? 0 : s[1];
	}

	private static List<String> checkedChannels(String[] names, int count, String what) {
		if (names.length != count)
			throw new IllegalArgumentException("BioimageioWriter: " + names.length + " " + what + " channel names " + Arrays.toString(names)
					+ " for " + count + " channels");
		return List.of(names);
	}

	/** The file's SHA-256 digest in lower-case hex. */
	public static String sha256(Path file) throws IOException {
		return sc.fiji.convnet.io.Digests.sha256(file);
	}
}
