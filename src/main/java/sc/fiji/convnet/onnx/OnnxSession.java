package sc.fiji.convnet.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import sc.fiji.convnet.onnx.read.OnnxFormatException;
import sc.fiji.convnet.onnx.read.OnnxReader;
import sc.fiji.convnet.tensor.Tensor;

/**
 * One ONNX model loaded into ONNX Runtime (on the environment that DJL's OnnxRuntime engine created, see
 * {@link DjlSetup}): its inputs and outputs, and runs of float {@link Tensor}s through it.
 * <p>
 * Thread-safe: ONNX Runtime allows concurrent runs of one session. {@link #close()} frees the native memory;
 * every run frees its own native input and output tensors before it returns.
 */
public final class OnnxSession implements AutoCloseable {

	private final Path file;
	private final int intraOpThreads;
	private final OrtEnvironment env;
	private volatile OrtSession session;
	/** Runs share it; {@link #close()} takes it alone, so a cache that evicts this session waits for the runs in flight. */
	private final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
	private final List<OnnxValueInfo> inputs;
	private final List<OnnxValueInfo> outputs;

	private OnnxSession(Path file, int intraOpThreads, OrtEnvironment env, OrtSession session) throws OrtException {
		this.file = file;
		this.intraOpThreads = intraOpThreads;
		this.env = env;
		this.session = session;
		this.inputs = describe(session.getInputInfo());
		this.outputs = describe(session.getOutputInfo());
	}

	/**
	 * Loads an {@code .onnx} file.
	 *
	 * @param intraOpThreads threads ONNX Runtime may use inside one operator (at least 1)
	 * @throws OnnxException naming the file when it is missing, empty, not an ONNX model or refused by ORT
	 */
	public static OnnxSession open(Path file, int intraOpThreads) {
		if (intraOpThreads < 1) throw new IllegalArgumentException("intraOpThreads must be at least 1, got " + intraOpThreads);
		checkLooksLikeOnnx(file);
		try {
			OnnxReader.check(file); // a damaged protobuf is refused here, with a message, before native code sees it
		} catch (OnnxFormatException e) {
			throw new OnnxFormatException("not a valid ONNX model: " + e.getMessage(), e);
		}
		OrtEnvironment env = DjlSetup.environment();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(intraOpThreads);
			options.setInterOpNumThreads(1);
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
			OrtSession session = env.createSession(file.toString(), options);
			try {
				return new OnnxSession(file, intraOpThreads, env, session);
			} catch (OrtException | RuntimeException e) {
				session.close();
				throw e;
			}
		} catch (OrtException e) {
			if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF)
				throw new OnnxException("not a valid ONNX model, or a damaged one (ONNX Runtime cannot parse it): " + file, e);
			throw new OnnxException("ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
		}
	}

	/** Cheap checks before the bytes reach native code: exists, readable, not empty, starts like a protobuf. */
	static void checkLooksLikeOnnx(Path file) {
		if (!Files.exists(file)) throw new OnnxException("ONNX model not found: " + file);
		if (!Files.isRegularFile(file)) throw new OnnxException("ONNX model is not a regular file: " + file);
		if (!Files.isReadable(file)) throw new OnnxException("ONNX model is not readable: " + file);
		try (InputStream in = Files.newInputStream(file)) {
			int first = in.read();
			if (first < 0) throw new OnnxException("ONNX model file is empty: " + file);
			// a ModelProto starts with a field tag: wire type 0 or 2 and a field number of ModelProto (1..30; ir_version=1 first in practice)
			int wireType = first & 7, field = first >>> 3;
			if ((wireType != 0 && wireType != 2) || field < 1 || field > 31)
				throw new OnnxFormatException("not a valid ONNX model (does not start like a ModelProto protobuf; first byte 0x"
						+ Integer.toHexString(first) + "): " + file);
		} catch (IOException e) {
			throw new OnnxException("cannot read ONNX model " + file + ": " + e, e);
		}
	}

	private static List<OnnxValueInfo> describe(Map<String, NodeInfo> infos) {
		List<OnnxValueInfo> list = new ArrayList<>();
		for (NodeInfo n : infos.values()) {
			ValueInfo v = n.getInfo();
			if (v instanceof TensorInfo t) list.add(new OnnxValueInfo(n.getName(), t.getShape(), t.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase()));
			else list.add(new OnnxValueInfo(n.getName(), new long[0], v.getClass().getSimpleName()));
		}
		return Collections.unmodifiableList(list);
	}

	public Path file() { return file; }
	public int intraOpThreads() { return intraOpThreads; }
	public List<OnnxValueInfo> inputs() { return inputs; }
	public List<OnnxValueInfo> outputs() { return outputs; }

	public OnnxValueInfo input(String name) { return find(inputs, name, "input"); }
	public OnnxValueInfo output(String name) { return find(outputs, name, "output"); }

	private OnnxValueInfo find(List<OnnxValueInfo> list, String name, String what) {
		for (OnnxValueInfo v : list) if (v.name().equals(name)) return v;
		throw new OnnxException(file + " has no " + what + " named '" + name + "'; it has " + list);
	}

	/** Runs a model with exactly one input; returns the first output. */
	public Tensor run(Tensor input) {
		if (inputs.size() != 1)
			throw new OnnxException(file + " has " + inputs.size() + " inputs " + inputs + "; pass them by name");
		return run(Map.of(inputs.get(0).name(), input)).values().iterator().next();
	}

	/**
	 * Runs the model on inputs given in the model's input order (bioimage.io tensor ids need not be the ONNX names,
	 * so descriptions map to the model by position); returns the outputs in the model's order.
	 */
	public List<Tensor> run(List<Tensor> inputsInOrder) {
		if (inputsInOrder.size() != inputs.size())
			throw new OnnxException(file + " has " + inputs.size() + " inputs " + inputs + ", given " + inputsInOrder.size());
		Map<String, Tensor> named = new LinkedHashMap<>();
		for (int i = 0; i < inputs.size(); i++) named.put(inputs.get(i).name(), inputsInOrder.get(i));
		return new ArrayList<>(run(named).values());
	}

	/** Runs the model on named inputs; returns every output by name, in the model's order. */
	public Map<String, Tensor> run(Map<String, Tensor> namedInputs) {
		lock.readLock().lock();
		try {
			return runOpen(namedInputs);
		} finally {
			lock.readLock().unlock();
		}
	}

	private Map<String, Tensor> runOpen(Map<String, Tensor> namedInputs) {
		OrtSession s = session;
		if (s == null) throw new OnnxException("session for " + file + " is closed");
		for (OnnxValueInfo info : inputs)
			if (!namedInputs.containsKey(info.name()))
				throw new OnnxException(file + ": input '" + info.name() + "' " + Arrays.toString(info.shape()) + " is missing; given " + namedInputs.keySet());
		Map<String, OnnxTensor> ortInputs = new LinkedHashMap<>();
		try {
			int slot = 0;
			for (Map.Entry<String, Tensor> e : namedInputs.entrySet()) {
				OnnxValueInfo info = input(e.getKey());
				checkShape(info, e.getValue());
				ortInputs.put(e.getKey(), toOrt(info, e.getValue(), slot++));
			}
			Map<String, Tensor> result = new LinkedHashMap<>();
			try (OrtSession.Result r = s.run(ortInputs)) {
				for (Map.Entry<String, OnnxValue> e : r) result.put(e.getKey(), fromOrt(e.getKey(), e.getValue()));
			}
			return result;
		} catch (OrtException e) {
			throw new OnnxException("ONNX Runtime failed to run " + file + " on " + shapes(namedInputs) + ": " + e.getMessage(), e);
		} finally {
			for (OnnxTensor t : ortInputs.values()) t.close();
		}
	}

	private static String shapes(Map<String, Tensor> in) {
		StringBuilder sb = new StringBuilder();
		in.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(v.shapeString()));
		return sb.toString();
	}

	/** Rank and fixed dimensions checked here so that a wrong tensor gives a clear message. */
	private void checkShape(OnnxValueInfo info, Tensor t) {
		long[] want = info.shape();
		int[] got = t.shape();
		boolean ok = want.length == got.length;
		for (int i = 0; ok && i < want.length; i++) ok = want[i] < 0 || want[i] == got[i];
		if (!ok) {
			String why = want.length != got.length ? "rank " + got.length + " instead of " + want.length
					: want.length == 4 && want[1] >= 0 && want[1] != got[1] ? got[1] + " channels instead of " + want[1] : "fixed dimensions differ";
			throw new OnnxException(file + ": input '" + info.name() + "' expects shape " + Arrays.toString(want)
					+ " (-1 = any), got " + Arrays.toString(got) + " (" + why + ")");
		}
	}

	private OnnxTensor toOrt(OnnxValueInfo info, Tensor t, int slot) throws OrtException {
		long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
		float[] d = t.data();
		switch (info.elementType()) {
		case "float":
			return OnnxTensor.createTensor(env, DirectInputs.copy(slot, d), shape);
		case "double": {
			double[] x = new double[d.length];
			for (int i = 0; i < d.length; i++) x[i] = d[i];
			return OnnxTensor.createTensor(env, DoubleBuffer.wrap(x), shape);
		}
		case "int64": {
			long[] x = new long[d.length];
			for (int i = 0; i < d.length; i++) x[i] = Math.round(d[i]);
			return OnnxTensor.createTensor(env, LongBuffer.wrap(x), shape);
		}
		case "int32": {
			int[] x = new int[d.length];
			for (int i = 0; i < d.length; i++) x[i] = Math.round(d[i]);
			return OnnxTensor.createTensor(env, IntBuffer.wrap(x), shape);
		}
		default:
			throw new OnnxException(file + ": input '" + info.name() + "' has element type " + info.elementType()
					+ "; only float, double, int32 and int64 inputs can be fed from a float tensor");
		}
	}

	private Tensor fromOrt(String name, OnnxValue value) {
		if (!(value instanceof OnnxTensor t))
			throw new OnnxException(file + ": output '" + name + "' is a " + value.getType() + ", not a tensor");
		TensorInfo info = t.getInfo();
		long[] ls = info.getShape();
		int[] shape = new int[ls.length];
		for (int i = 0; i < ls.length; i++) shape[i] = Math.toIntExact(ls[i]);
		long n = Tensor.sizeOf(shape);
		if (n > Integer.MAX_VALUE - 8) throw new OnnxException(file + ": output '" + name + "' " + Arrays.toString(ls) + " is too large for one tensor");
		float[] out = new float[(int) n];
		OnnxJavaType type = info.type;
		switch (type) {
		case FLOAT -> t.getFloatBuffer().get(out);
		case DOUBLE -> { DoubleBuffer b = t.getDoubleBuffer(); for (int i = 0; i < out.length; i++) out[i] = (float) b.get(i); }
		case INT64 -> { LongBuffer b = t.getLongBuffer(); for (int i = 0; i < out.length; i++) out[i] = b.get(i); }
		case INT32 -> { IntBuffer b = t.getIntBuffer(); for (int i = 0; i < out.length; i++) out[i] = b.get(i); }
		case INT16 -> { ShortBuffer b = t.getShortBuffer(); for (int i = 0; i < out.length; i++) out[i] = b.get(i); }
		case UINT8 -> { ByteBuffer b = t.getByteBuffer(); for (int i = 0; i < out.length; i++) out[i] = b.get(i) & 0xff; }
		case INT8, BOOL -> { ByteBuffer b = t.getByteBuffer(); for (int i = 0; i < out.length; i++) out[i] = b.get(i); }
		default -> throw new OnnxException(file + ": output '" + name + "' has element type " + type + ", which cannot become a float tensor");
		}
		return new Tensor(out, shape);
	}

	public boolean isClosed() { return session == null; }

	/** Frees the native session once the runs in flight have finished. Safe to call twice. */
	@Override
	public synchronized void close() {
		lock.writeLock().lock();
		try {
			closeNow();
		} finally {
			lock.writeLock().unlock();
		}
	}

	private void closeNow() {
		if (session != null) {
			try {
				session.close();
			} catch (OrtException e) {
				throw new OnnxException("closing the session for " + file + " failed: " + e.getMessage(), e);
			} finally {
				session = null;
			}
		}
	}

	@Override
	public String toString() {
		return "OnnxSession[" + file + ", inputs " + inputs + ", outputs " + outputs + "]";
	}
}
