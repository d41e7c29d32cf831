package sc.fiji.convnet.detect.train;

import java.util.List;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.GridLayout;

/**
 * Encodes boxes (in network-input pixels) as the grid target with the output's layout: for the cell that
 * holds a box centre, objectness 1, the class one-hot, b_x, b_y the centre's offset inside the cell and
 * b_W, b_H = ln(size / reference size); objectness 0 elsewhere. When two centres share a cell the larger
 * box wins.
 */
public final class GridTargets {

	private GridTargets() {}

	/** Writes sample {@code n}'s target into {@code target} (N×channels×gh×gw, zero-initialised). */
	public static void encode(GridLayout layout, List<Box> boxes, int gh, int gw, float[] target, int n) {
		int channels = layout.channels(), plane = gh * gw, base = n * channels * plane, box = base + layout.boxChannel() * plane;
		double[] area = new double[plane];
		int s = layout.stride();
		for (Box b : boxes) {
			if (b.width() <= 0 || b.height() <= 0) continue;
			double cx = b.centreX() / s, cy = b.centreY() / s;
			int i = (int) Math.floor(cx), j = (int) Math.floor(cy);
			if (i < 0 || j < 0 || i >= gw || j >= gh) continue;
			int cell = j * gw + i;
			if (area[cell] >= b.area()) continue;
			area[cell] = b.area();
			target[base + cell] = 1;
			for (int c = 0; c < layout.classes().size(); c++) target[base + (1 + c) * plane + cell] = 0;
			target[base + layout.classChannel(layout.classIndex(b.label())) * plane + cell] = 1;
			target[box + cell] = (float) (cx - i);
			target[box + plane + cell] = (float) (cy - j);
			target[box + 2 * plane + cell] = (float) Math.log(b.width() / layout.referenceSize());
			target[box + 3 * plane + cell] = (float) Math.log(b.height() / layout.referenceSize());
		}
	}
}
