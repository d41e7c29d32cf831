package sc.fiji.convnet.onnx.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import sc.fiji.convnet.engine.Layer;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.NetworkBuilder;
import sc.fiji.convnet.engine.Parameter;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.kernels.PaddingMode;
import sc.fiji.convnet.engine.layers.Conv2d;
import sc.fiji.convnet.engine.layers.ReLU;
import sc.fiji.convnet.tensor.Tensor;

/**
 * A convolution whose config names a reflect or replicate padding mode is exported as Pad + Conv. The
 * engine has no such layer yet, so the test brings one: it pads with the engine's {@link PaddingMode}
 * and convolves with an unpadded {@link Conv2d}.
 */
class PaddingModeExportTest {

	@TempDir
	Path dir;

	static {
		LayerExporters.register(ModePaddedConv.TYPE, new sc.fiji.convnet.onnx.export.layers.ConvExporter());
	}

	@Test
	void reflectAndReplicatePaddingMatchOrt() throws Exception {
		Random r = new Random(6);
		for (PaddingMode mode : List.of(PaddingMode.REFLECT, PaddingMode.REPLICATE, PaddingMode.ZERO)) {
			NetworkBuilder b = new NetworkBuilder(2).seed(mode.ordinal());
			b.then(new ModePaddedConv(new Conv2d(2, 4, 3, 5), mode, 1, 2, 2, 1));
			b.then(new ReLU());
			b.then(new ModePaddedConv(new Conv2d(4, 3, 3), mode, 1, 1, 1, 1));
			Network net = b.build();
			Parity.check(net, dir.resolve("pad_" + mode + ".onnx"), Parity.random(r, 2, 2, 11, 14), OnnxExporterTest.TOLERANCE);
		}
	}

	/** Pads H and W with a mode, then applies an unpadded convolution. */
	static final class ModePaddedConv extends Layer {
		static final String TYPE = "TestModePaddedConv";
		private final Conv2d conv;
		private final PaddingMode mode;
		private final int top, left, bottom, right;

		ModePaddedConv(Conv2d conv, PaddingMode mode, int top, int left, int bottom, int right) {
			this.conv = conv; this.mode = mode; this.top = top; this.left = left; this.bottom = bottom; this.right = right;
		}

		@Override public String type() { return TYPE; }

		@Override
		public JsonObject config() {
			JsonObject o = conv.config();
			o.add("padding", array(top, left, bottom, right));
			o.addProperty("paddingMode", mode.name());
			return o;
		}

		@Override public List<Parameter> parameters() { return conv.parameters(); }

		private int[] padded(int[] s) { return new int[] { s[0], s[1], s[2] + top + bottom, s[3] + left + right }; }

		@Override public int[] outputShape(int[]... in) { return conv.outputShape(padded(in[0])); }

		@Override
		public Tensor forward(Tensor[] in, Phase phase) {
			int[] s = in[0].shape(), p = padded(s);
			Tensor x = Tensor.zeros(p);
			for (int n = 0; n < s[0]; n++)
				for (int c = 0; c < s[1]; c++)
					for (int y = 0; y < p[2]; y++)
						for (int xx = 0; xx < p[3]; xx++) {
							int sy = mode.sourceIndex(y - top, s[2]), sx = mode.sourceIndex(xx - left, s[3]);
							if (sy >= 0 && sx >= 0) x.set(in[0].get(n, c, sy, sx), n, c, y, xx);
						}
			return conv.forward(x, phase);
		}

		@Override public Tensor[] backward(Tensor dy) { throw new UnsupportedOperationException("inference only"); }
	}
}
