package sc.fiji.convnet.detect.train;

import sc.fiji.convnet.detect.CentreLayout;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.layers.BatchNorm2d;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.Elementwise;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.engine.layers.UpsampleNearest;

/**
 * The centre detector's network: a plain strided backbone down to stride 32 (Bishop 10.4.4: deep cells
 * see whole white cells), and an FPN-like top-down path that adds the coarse levels, upsampled, to
 * 1×1 projections of the finer ones (stride 32 → 16 → 8), so that the stride-8 output cells have both the
 * resolution platelets need and the context red and white cells need. The head is one 3×3 block and a
 * 1×1 convolution giving the {@link CentreLayout}'s channels per stride-8 cell: a centre heat-map logit
 * per class and the four log-distances from the cell centre to the box sides.
 * <pre>
 *   input ─ c3×3/2 (w) ─ c3×3/2 (2w) ─ c3×3/2 (3w) ─ c3×3 ─ C3 (/8)
 *          ─ c3×3/2 (4w) ─ c3×3 ─ C4 (/16) ─ c3×3/2 (6w) ─ c3×3 ─ c3×3 ─ C5 (/32)
 *   P5 = 1×1(C5); P4 = block(1×1(C4) + up(P5)); P3 = block(1×1(C3) + up(P4)); out = 1×1(block(P3))
 * </pre>
 * Every block is 3×3 convolution, batch normalisation, ReLU. Widths: w, 2w, 3w, 4w, 6w; the top-down
 * path has 3w channels.
 */
public final class CentreDetectorNet {

	private CentreDetectorNet() {}

	public static final int STRIDE = 8, SIZE_MULTIPLE = 32;

	/** The initial heat-map bias: σ(b) = 0.05, so the many empty cells start with a small loss (focal-loss prior). */
	static final float HEAT_PRIOR_BIAS = (float) Math.log(0.05 / 0.95);

	public static Network build(CentreLayout layout, int width, long seed) {
		if (layout.stride() != STRIDE) throw new IllegalArgumentException("CentreDetectorNet: built for stride " + STRIDE + ", layout has " + layout.stride());
		NetworkBuilder b = new NetworkBuilder(3).seed(seed).sizeMultiple(SIZE_MULTIPLE);
		int w1 = width, w2 = 2 * width, w3 = 3 * width, w4 = 4 * width, w5 = 6 * width, f = 3 * width;
		block(b, b.last(), 3, w1, 2);                  // /2
		block(b, b.last(), w1, w2, 2);                 // /4
		block(b, b.last(), w2, w3, 2);                 // /8
		int c3 = block(b, b.last(), w3, w3, 1);
		block(b, c3, w3, w4, 2);                       // /16
		int c4 = block(b, b.last(), w4, w4, 1);
		block(b, c4, w4, w5, 2);                       // /32
		block(b, b.last(), w5, w5, 1);
		int c5 = block(b, b.last(), w5, w5, 1);
		// top-down path: coarse context added to finer lateral projections
		int p5 = b.add(new Conv2d(w5, f, 1).named("lateral5"), c5);
		int up5 = b.add(new UpsampleNearest(2), p5);
		int l4 = b.add(new Conv2d(w4, f, 1).named("lateral4"), c4);
		int p4 = block(b, b.add(Elementwise.add(), l4, up5), f, f, 1);
		int up4 = b.add(new UpsampleNearest(2), p4);
		int l3 = b.add(new Conv2d(w3, f, 1).named("lateral3"), c3);
		block(b, b.add(Elementwise.add(), l3, up4), f, f, 1);
		block(b, b.last(), f, f, 1);
		Conv2d head = new Conv2d(f, layout.channels(), 1).named("head");
		b.then(head);
		Network net = b.build();
		float[] bias = new float[layout.channels()];
		for (int c = 0; c < layout.classes().size(); c++) bias[c] = HEAT_PRIOR_BIAS;
		for (int k = 0; k < 4; k++) bias[layout.boxChannel() + k] = 1f; // 2.7 cells to each side to start with
		head.biasParameter().set(bias);
		return net;
	}

	private static int block(NetworkBuilder b, int from, int cin, int cout, int stride) {
		b.add(new Conv2d(cin, cout, 3).stride(stride).padding(1).bias(false), from);
		b.then(new BatchNorm2d(cout));
		return b.then(new ReLU());
	}
}
