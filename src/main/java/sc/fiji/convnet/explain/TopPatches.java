package sc.fiji.convnet.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.Phase;
import sc.fiji.convnet.engine.ReceptiveField;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The image patches that most activate one channel of a layer (Bishop Fig. 10.13; Zeiler and Fergus 2014):
 * every position of the channel's feature map, over a set of images, ranked by activation; a unit at
 * (i, j) looks at the input around ((j + ½)·J − ½, (i + ½)·J − ½), J being the layer's stride in input
 * pixels (exact for "same" padding), and the patch is its receptive field unless a size is given.
 */
public final class TopPatches {

	private TopPatches() {}

	/** One patch: which image, its centre in that image, the activation, and its pixels (C×size×size, zeros outside the image). */
	public record Patch(int image, int x, int y, float activation, Tensor pixels) {}

	/**
	 * @param onePerImage keep only the best position of each image (neighbouring positions would repeat a patch)
	 * @param size        patch size in pixels; 0 for the layer's receptive field
	 */
	public static List<Patch> find(Network net, String layer, int channel, List<Tensor> images, int k, int size, boolean onePerImage) {
		layer = Nodes.layerName(net, layer);
		int node = Nodes.byName(net, layer);
		ReceptiveField rf = net.receptiveFields().get(layer);
		if (size <= 0) {
			if (Double.isInfinite(rf.size())) throw new IllegalArgumentException("TopPatches: layer '" + layer + "' sees the whole image; give a patch size");
			size = (int) Math.ceil(rf.size());
		}
		double jump = rf.jump();
		List<Patch> found = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			Tensor image = images.get(i);
			Tensor a;
			try (NodePass pass = NodePass.run(net, image, Phase.INFERENCE, node)) {
				a = pass.value(node);
			}
			if (a.rank() != 4) throw new IllegalArgumentException("TopPatches: layer '" + layer + "' gives " + a.shapeString() + ", not feature maps");
			if (channel < 0 || channel >= a.dim(1)) throw new IllegalArgumentException("TopPatches: layer '" + layer + "' has " + a.dim(1) + " channels, asked for channel " + channel);
			int h = a.dim(2), w = a.dim(3), off = channel * h * w;
			List<int[]> positions = new ArrayList<>();
			if (onePerImage) {
				int best = 0;
				for (int p = 1; p < h * w; p++) if (a.data()[off + p] > a.data()[off + best]) best = p;
				positions.add(new int[] { best / w, best % w });
			} else {
				for (int p = 0; p < h * w; p++) positions.add(new int[] { p / w, p % w });
			}
			for (int[] pos : positions) {
				int cx = (int) Math.round((pos[1] + 0.5) * jump - 0.5), cy = (int) Math.round((pos[0] + 0.5) * jump - 0.5);
				found.add(new Patch(i, cx, cy, a.data()[off + pos[0] * w + pos[1]], null));
			}
			found.sort(Comparator.comparingDouble((Patch p) -> -p.activation()));
			if (found.size() > k) found.subList(k, found.size()).clear();
		}
		List<Patch> withPixels = new ArrayList<>();
		for (Patch p : found) withPixels.add(new Patch(p.image(), p.x(), p.y(), p.activation(), crop(images.get(p.image()), p.x(), p.y(), size)));
		return withPixels;
	}

	/** A size×size crop centred at (cx, cy) of every channel, zeros outside. */
	static Tensor crop(Tensor image, int cx, int cy, int size) {
		int c = image.dim(1), h = image.dim(2), w = image.dim(3);
		int x0 = cx - (size - 1) / 2, y0 = cy - (size - 1) / 2;
		Tensor out = Tensor.zeros(c, size, size);
		for (int ch = 0; ch < c; ch++)
			for (int y = 0; y < size; y++)
				for (int x = 0; x < size; x++) {
					int yy = y0 + y, xx = x0 + x;
					if (yy >= 0 && yy < h && xx >= 0 && xx < w) out.data()[(ch * size + y) * size + x] = image.data()[(ch * h + yy) * w + xx];
				}
		return out;
	}

	/** The first channel of each patch as a montage (best first, row by row). */
	public static Montage montage(List<Patch> patches, int columns, int scale) {
		if (patches.isEmpty()) throw new IllegalArgumentException("TopPatches: no patches");
		int size = patches.get(0).pixels().dim(1);
		List<float[]> tiles = new ArrayList<>();
		for (Patch p : patches) {
			float[] t = new float[size * size];
			System.arraycopy(p.pixels().data(), 0, t, 0, t.length);
			tiles.add(t);
		}
		return Montage.of(tiles, size, size, columns <= 0 ? Montage.squareColumns(tiles.size()) : columns, scale, 1, 0f);
	}
}
