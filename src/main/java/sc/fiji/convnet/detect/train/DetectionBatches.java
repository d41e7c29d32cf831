package sc.fiji.convnet.detect.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.RgbImage;
import sc.fiji.convnet.tensor.Tensor;

/**
 * The training batches of a detector: the training images resized once to the input scale, and per step
 * {@code batch} augmented crops with their targets. A share ({@code focusShare}) of the crops is centred near a box
 * of a class drawn uniformly among the classes that have boxes, so that rare classes are seen as often as common ones.
 */
final class DetectionBatches {

	private final DetectorDesign design;
	private final DetectionAugmenter augmenter;
	private final int batch, crop;
	private final double focusShare;
	private final List<RgbImage> images = new ArrayList<>();
	private final List<List<Box>> boxes = new ArrayList<>();
	private final List<List<int[]>> boxesByClass = new ArrayList<>(); // per class with boxes: (image, box) of each

	DetectionBatches(List<DetectionSample> train, DetectorDesign design, DetectorTraining.Settings s) {
		this.design = design;
		this.augmenter = new DetectionAugmenter(s.crop, s.minScale, s.maxScale);
		this.batch = s.batch;
		this.crop = s.crop;
		this.focusShare = s.focusShare;
		for (DetectionSample t : train) {
			RgbImage im = t.image();
			RgbImage small = im.resized((int) Math.round(im.width() * s.inputScale), (int) Math.round(im.height() * s.inputScale));
			double fx = small.width() / (double) im.width(), fy = small.height() / (double) im.height();
			images.add(small);
			boxes.add(t.boxes().stream().map(b -> b.mapped(fx, fy, 0, 0)).toList());
		}
		for (String c : design.decoder().classes()) {
			List<int[]> of = new ArrayList<>();
			for (int k = 0; k < boxes.size(); k++)
				for (int j = 0; j < boxes.get(k).size(); j++) if (boxes.get(k).get(j).label().equals(c)) of.add(new int[] { k, j });
			if (!of.isEmpty()) boxesByClass.add(of);
		}
	}

	/** One batch drawn with {@code rng}: [input N×3×crop×crop, target N×targetChannels×g×g]. */
	Tensor[] draw(SplittableRandom rng) {
		int g = crop / design.decoder().stride(), plane = crop * crop;
		float[] x = new float[batch * 3 * plane], y = new float[batch * design.targetChannels() * g * g];
		for (int b = 0; b < batch; b++) {
			int k = rng.nextInt(images.size());
			Box focus = null;
			if (focusShare > 0 && !boxesByClass.isEmpty() && rng.nextDouble() < focusShare) {
				List<int[]> of = boxesByClass.get(rng.nextInt(boxesByClass.size())); // a class, then one of its boxes
				int[] pick = of.get(rng.nextInt(of.size()));
				k = pick[0];
				focus = boxes.get(k).get(pick[1]);
			}
			design.encode(augmenter.crop(images.get(k), boxes.get(k), focus, rng, x, b), g, g, y, b);
		}
		return new Tensor[] { new Tensor(x, batch, 3, crop, crop), new Tensor(y, batch, design.targetChannels(), g, g) };
	}
}
