package sc.fiji.convnet.onnx.read;

import java.util.Arrays;
import java.util.Random;

/** Seeded damage for fuzz tests: flip 1 to 8 random bytes, truncate, or overwrite a short run with random bytes. */
public final class FileMutator {

	public static final long SEED = 20261124L;

	private FileMutator() {}

	public static byte[] mutate(byte[] in, Random r) {
		byte[] b = in.clone();
		switch (r.nextInt(3)) {
		case 0 -> {
			int flips = 1 + r.nextInt(8);
			for (int i = 0; i < flips; i++) b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
		}
		case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));
		default -> {
			int start = r.nextInt(b.length), len = Math.min(b.length - start, 1 + r.nextInt(16));
			for (int i = 0; i < len; i++) b[start + i] = (byte) r.nextInt(256);
		}
		}
		return b;
	}
}
