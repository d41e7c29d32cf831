package sc.fiji.convnet.engine;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Saves and loads a network — architecture and all parameter values — in one file (".cnet"):
 * <pre>
 * bytes 0–7   ASCII "CONVNET1"
 * bytes 8–11  int32 little-endian: length L of the header
 * next L      UTF-8 JSON header:
 *             { "format": "sc.fiji.convnet.engine", "version": 1,
 *               "inputChannels": C, "sizeMultiple": m,
 *               "layers": [ { "name": …, "type": …, "inputs": [node ids, 0 = image],
 *                             "config": { layer-specific },
 *                             "parameters": [ { "name": …, "shape": [...], "trainable": bool } ] } ] }
 * then        float32 little-endian values of every parameter, in the header's order
 *             (layers in order, each layer's parameters in order, each tensor row-major).
 * </pre>
 * Loading rebuilds every layer through {@link LayerRegistry}, so a reloaded network computes exactly
 * the same outputs.
 */
public final class NetworkIO {

	public static final String MAGIC = "CONVNET1";
	public static final int VERSION = 1;
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	private NetworkIO() {}

	/** The JSON header describing the architecture and parameter shapes. */
	public static JsonObject header(Network net) {
		JsonObject h = new JsonObject();
		h.addProperty("format", "sc.fiji.convnet.engine");
		h.addProperty("version", VERSION);
		h.addProperty("inputChannels", net.inputChannels());
		h.addProperty("sizeMultiple", net.sizeMultiple());
		JsonArray layers = new JsonArray();
		for (int k = 1; k <= net.layers().size(); k++) {
			Layer l = net.layers().get(k - 1);
			JsonObject o = new JsonObject();
			o.addProperty("name", l.name());
			o.addProperty("type", l.type());
			JsonArray in = new JsonArray();
			for (int i : net.inputsOf(k)) in.add(i);
			o.add("inputs", in);
			o.add("config", l.config());
			JsonArray ps = new JsonArray();
			for (Parameter p : l.parameters()) {
				JsonObject po = new JsonObject();
				po.addProperty("name", p.name());
				JsonArray shape = new JsonArray();
				for (int d : p.shape()) shape.add(d);
				po.add("shape", shape);
				po.addProperty("trainable", p.trainable());
				ps.add(po);
			}
			o.add("parameters", ps);
			layers.add(o);
		}
		h.add("layers", layers);
		return h;
	}

	public static void save(Network net, Path file) throws IOException {
		sc.fiji.convnet.io.AtomicFiles.write(file, out -> write(net, out));
	}

	/** Writes the whole file format to a stream (left open). */
	public static void write(Network net, OutputStream out) throws IOException {
		byte[] header = GSON.toJson(header(net)).getBytes(StandardCharsets.UTF_8);
		{
			out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
			out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length).array());
			out.write(header);
			ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
			for (Parameter p : net.allParameters()) {
				for (float v : p.value().data()) {
					if (!buf.hasRemaining()) { out.write(buf.array(), 0, buf.position()); buf.clear(); }
					buf.putFloat(v);
				}
			}
			out.write(buf.array(), 0, buf.position());
			out.flush();
		}
	}

	/** An independent copy with the same architecture and values (for concurrent use: layers keep caches). */
	public static Network copy(Network net) {
		try {
			java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
			write(net, bytes);
			return read(new java.io.ByteArrayInputStream(bytes.toByteArray()), "copy of a network");
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e); // in memory: cannot happen
		}
	}

	public static Network load(Path file) throws IOException {
		try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			return read(raw, file.toString());
		}
	}

	public static Network read(InputStream raw, String source) throws IOException {
		DataInputStream in = new DataInputStream(raw);
		try {
			byte[] magic = new byte[8];
			in.readFully(magic);
			if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII)))
				throw new IOException("NetworkIO: " + source + " is not a ConvNet engine file (missing " + MAGIC + " header)");
			byte[] len = new byte[4];
			in.readFully(len);
			int n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
			if (n <= 0 || n > (1 << 28)) throw new IOException("NetworkIO: " + source + ": implausible header length " + n);
			byte[] header = new byte[n];
			in.readFully(header);
			JsonObject h;
			try {
				h = JsonParser.parseString(new String(header, StandardCharsets.UTF_8)).getAsJsonObject();
			} catch (JsonParseException | IllegalStateException e) {
				throw new IOException("NetworkIO: " + source + ": unreadable JSON header: " + e.getMessage(), e);
			}
			int version = h.get("version").getAsInt();
			if (version > VERSION) throw new IOException("NetworkIO: " + source + " has version " + version + "; this engine reads up to " + VERSION);
			List<Layer> layers = new ArrayList<>();
			List<int[]> inputs = new ArrayList<>();
			for (JsonElement e : h.getAsJsonArray("layers")) {
				JsonObject o = e.getAsJsonObject();
				Layer l = LayerRegistry.create(o.get("type").getAsString(), o.getAsJsonObject("config"));
				l.named(o.get("name").getAsString());
				JsonArray ps = o.getAsJsonArray("parameters");
				List<Parameter> params = l.parameters();
				if (ps.size() != params.size())
					throw new IOException("NetworkIO: " + source + ": layer " + l.name() + " stores " + ps.size() + " tensors, the layer has " + params.size());
				for (int i = 0; i < ps.size(); i++) {
					JsonArray shape = ps.get(i).getAsJsonObject().getAsJsonArray("shape");
					int[] s = new int[shape.size()];
					for (int j = 0; j < s.length; j++) s[j] = shape.get(j).getAsInt();
					if (!Arrays.equals(s, params.get(i).shape()))
						throw new IOException("NetworkIO: " + source + ": layer " + l.name() + " parameter " + params.get(i).name()
								+ " stored with shape " + Arrays.toString(s) + ", expected " + Arrays.toString(params.get(i).shape()));
				}
				JsonArray in0 = o.getAsJsonArray("inputs");
				int[] from = new int[in0.size()];
				for (int j = 0; j < from.length; j++) from[j] = in0.get(j).getAsInt();
				for (int f : from)
					if (f < 0 || f > layers.size()) throw new IOException("NetworkIO: " + source + ": layer " + l.name() + " reads node " + f + " that comes later");
				layers.add(l);
				inputs.add(from);
			}
			java.util.Map<String, Layer> byName = new java.util.HashMap<>();
			for (Layer l : layers) byName.put(l.name(), l);
			for (Layer l : layers) l.resolve(byName);
			Network net = NetworkBuilder.assemble(layers, inputs, h.get("inputChannels").getAsInt(), h.get("sizeMultiple").getAsInt());
			byte[] bytes = new byte[1 << 16];
			for (Parameter p : net.allParameters()) {
				float[] v = p.allocateForLoading().data();
				int at = 0;
				while (at < v.length) {
					int count = Math.min(v.length - at, bytes.length / 4);
					in.readFully(bytes, 0, count * 4);
					ByteBuffer.wrap(bytes, 0, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v, at, count);
					at += count;
				}
			}
			return net;
		} catch (EOFException e) {
			throw new IOException("NetworkIO: " + source + " ends early (truncated file)", e);
		}
	}
}
