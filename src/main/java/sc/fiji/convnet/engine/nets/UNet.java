package sc.fiji.convnet.engine.nets;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Concat;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.ConvTranspose2d;
import sc.fiji.convnet.engine.layers.MaxPool2d;
import sc.fiji.convnet.engine.layers.ReLU;

/**
 * The U-Net (Ronneberger et al. 2015; Bishop §10.5.4, Fig. 10.17) with "same" padding, so that the
 * output has the input's H×W: an encoder of {@code depth} levels, each two conv3×3–BN–ReLU blocks then
 * a 2×2 max-pool, doubling the width per level; a bottleneck; a decoder that up-samples with a 2×2
 * stride-2 transposed convolution, concatenates the encoder's features of the same level and applies
 * two blocks; a 1×1 convolution to {@code classes} logits. H and W must be divisible by 2^depth.
 * <pre>
 * Network net = UNet.builder().inChannels(1).classes(3).depth(3).baseWidth(16).seed(42).build();
 * </pre>
 */
public final class UNet {

	private int inChannels = 1, classes = 2, depth = 3, baseWidth = 16;
	private boolean batchNorm = true;
	private long seed = 42;

	private UNet() {}

	public static UNet builder() { return new UNet(); }

	public UNet inChannels(int c) { inChannels = c; return this; }
	public UNet classes(int k) { classes = k; return this; }
	public UNet depth(int d) { depth = d; return this; }
	public UNet baseWidth(int w) { baseWidth = w; return this; }
	public UNet batchNorm(boolean b) { batchNorm = b; return this; }
	public UNet seed(long s) { seed = s; return this; }

	public Network build() {
		if (inChannels <= 0 || classes <= 0 || depth < 0 || baseWidth <= 0 || depth > 12)
			throw new IllegalArgumentException("UNet: invalid settings inChannels=" + inChannels + " classes=" + classes + " depth=" + depth + " baseWidth=" + baseWidth);
		NetworkBuilder b = new NetworkBuilder(inChannels).seed(seed).sizeMultiple(1 << depth);
		int[] skips = new int[depth];
		int channels = inChannels, width = baseWidth;
		for (int level = 0; level < depth; level++) {
			skips[level] = block(b, channels, width, "enc" + level);
			b.then(new MaxPool2d(2).named("enc" + level + "_pool"));
			channels = width;
			width *= 2;
		}
		block(b, channels, width, "bottleneck");
		channels = width;
		for (int level = depth - 1; level >= 0; level--) {
			width /= 2;
			int up = b.then(new ConvTranspose2d(channels, width, 2).stride(2).named("dec" + level + "_up"));
			b.add(new Concat().named("dec" + level + "_concat"), skips[level], up);
			block(b, 2 * width, width, "dec" + level);
			channels = width;
		}
		b.then(new Conv2d(channels, classes, 1).named("head"));
		return b.build();
	}

	/** conv3×3 [BN] ReLU, twice; returns the last node. */
	private int block(NetworkBuilder b, int in, int out, String name) {
		for (int i = 1; i <= 2; i++) {
			b.then(new Conv2d(i == 1 ? in : out, out, 3).padding(1).bias(!batchNorm).named(name + "_conv" + i));
			if (batchNorm) b.then(new BatchNorm2d(out).named(name + "_bn" + i));
			b.then(new ReLU().named(name + "_relu" + i));
		}
		return b.last();
	}
}
