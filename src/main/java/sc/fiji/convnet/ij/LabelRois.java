package sc.fiji.convnet.ij;

import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import sc.fiji.convnet.segment.LabelImage;

/** One ROI per label: the outline of its pixels, named by label number. */
public final class LabelRois {

	private LabelRois() {}

	/**
	 * @param position hyperstack position (1-based slice index) the ROIs belong to, 0 for all planes
	 */
	public static List<Roi> fromLabels(LabelImage labels, int position) {
		int w = labels.width(), h = labels.height(), n = labels.count();
		int[] l = labels.labels();
		int[] minX = new int[n + 1], minY = new int[n + 1], maxX = new int[n + 1], maxY = new int[n + 1];
		java.util.Arrays.fill(minX, Integer.MAX_VALUE);
		java.util.Arrays.fill(minY, Integer.MAX_VALUE);
		java.util.Arrays.fill(maxX, -1);
		java.util.Arrays.fill(maxY, -1);
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++) {
				int k = l[i];
				if (k == 0) continue;
				if (x < minX[k]) minX[k] = x;
				if (x > maxX[k]) maxX[k] = x;
				if (y < minY[k]) minY[k] = y;
				if (y > maxY[k]) maxY[k] = y;
			}
		List<Roi> rois = new ArrayList<>(n);
		ThresholdToSelection tts = new ThresholdToSelection();
		for (int k = 1; k <= n; k++) {
			if (maxX[k] < 0) continue;
			// trace only the object's bounding box: O(object) instead of O(image) per label
			int bw = maxX[k] - minX[k] + 1, bh = maxY[k] - minY[k] + 1;
			ByteProcessor mask = new ByteProcessor(bw, bh);
			byte[] m = (byte[]) mask.getPixels();
			for (int y = 0; y < bh; y++)
				for (int x = 0; x < bw; x++)
					if (l[(minY[k] + y) * w + minX[k] + x] == k) m[y * bw + x] = (byte) 255;
			mask.setThreshold(255, 255, ByteProcessor.NO_LUT_UPDATE);
			Roi roi = tts.convert(mask);
			if (roi == null) continue;
			roi.setLocation(roi.getXBase() + minX[k], roi.getYBase() + minY[k]);
			roi.setName(String.format("%04d", k) + (position > 0 ? "-" + position : ""));
			if (position > 0) roi.setPosition(position);
			rois.add(roi);
		}
		return rois;
	}
}
