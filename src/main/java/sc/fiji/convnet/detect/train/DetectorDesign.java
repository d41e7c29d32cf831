package sc.fiji.convnet.detect.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import sc.fiji.convnet.detect.Box;
import sc.fiji.convnet.detect.CellDecoder;
import sc.fiji.convnet.detect.CentreDecoder;
import sc.fiji.convnet.detect.CentreLayout;
import sc.fiji.convnet.detect.GridDecoder;
import sc.fiji.convnet.detect.GridLayout;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.loss.Loss;

/**
 * One detector architecture with everything that must agree with it: the network, the target assignment
 * and loss for training, the decoder for prediction, and the {@code config: convnet:} block and channel
 * names written with the exported model (whose {@code decoder} key selects the decoder again when the
 * model is opened). {@code --arch grid} is the first detector (one box per stride-16 cell),
 * {@code --arch centre} the anchor-free stride-8 centre detector.
 */
public sealed interface DetectorDesign permits DetectorDesign.Grid, DetectorDesign.Centre {

	String GRID = "grid", CENTRE = "centre";

	/** The decoder name in the model description, which is also the {@code --arch} value. */
	String name();

	Network build(int width, long seed);

	CellDecoder decoder();

	/** H and W of network inputs must be multiples of this. */
	int sizeMultiple();

	int targetChannels();

	/** Writes sample {@code n}'s target for these boxes (input pixels) into an N×targetChannels×gh×gw array. */
	void encode(List<Box> boxes, int gh, int gw, float[] target, int n);

	Loss loss();

	String[] outputChannelNames();

	/** What the output channels mean, for the description and the README. */
	String outputChannels();

	/** The config block of the exported description, without the training record. */
	default Map<String, Object> config(double inputScale) {
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("task", "detection");
		c.put("decoder", name());
		c.put("classes", List.copyOf(decoder().classes()));
		c.put("stride", decoder().stride());
		configExtras(c);
		c.put("input_scale", inputScale);
		c.put("output_channels", outputChannels());
		return c;
	}

	default void configExtras(Map<String, Object> config) {}

	/** Output channel names: the leading ones, one per class with a prefix, then the box values. */
	static String[] channelNames(List<String> leading, String classPrefix, List<String> classes, String... box) {
		List<String> names = new java.util.ArrayList<>(leading);
		for (String c : classes) names.add(classPrefix + c);
		names.addAll(List.of(box));
		return names.toArray(String[]::new);
	}

	static DetectorDesign of(String arch, List<String> classes) {
		return switch (arch.toLowerCase(Locale.ROOT)) {
			case GRID -> new Grid(new GridLayout(classes, GridDetectorNet.STRIDE, 32), 0.5, 2);
			case CENTRE, "center" -> new Centre(new CentreLayout(classes, CentreDetectorNet.STRIDE), 2);
			default -> throw new IllegalArgumentException("unknown detector architecture '" + arch + "'; expected " + GRID + " or " + CENTRE);
		};
	}

	/** The grid detector: objectness, class and box per stride-16 cell (Bishop 10.4.3). */
	record Grid(GridLayout layout, double noObjectWeight, double boxWeight) implements DetectorDesign {
		@Override public String name() { return GRID; }
		@Override public Network build(int width, long seed) { return GridDetectorNet.build(layout, width, seed); }
		@Override public CellDecoder decoder() { return new GridDecoder(layout); }
		@Override public int sizeMultiple() { return layout.stride(); }
		@Override public int targetChannels() { return layout.channels(); }
		@Override public void encode(List<Box> boxes, int gh, int gw, float[] target, int n) { GridTargets.encode(layout, boxes, gh, gw, target, n); }
		@Override public Loss loss() { return new GridDetectionLoss(layout, noObjectWeight, boxWeight); }
		@Override public void configExtras(Map<String, Object> c) { c.put("reference_size", layout.referenceSize()); }

		@Override
		public String[] outputChannelNames() {
			return channelNames(List.of("objectness"), "class_", layout.classes(), "b_x", "b_y", "b_w", "b_h");
		}

		@Override
		public String outputChannels() {
			return "objectness logit, class logits (" + String.join(", ", layout.classes())
					+ "), b_x, b_y (centre offset in the cell, 0..1), b_W, b_H (ln(size / reference_size))";
		}
	}

	/** The centre detector: per-class centre heat maps and box side distances per stride-8 cell. */
	record Centre(CentreLayout layout, double boxWeight) implements DetectorDesign {
		@Override public String name() { return CENTRE; }
		@Override public Network build(int width, long seed) { return CentreDetectorNet.build(layout, width, seed); }
		@Override public CellDecoder decoder() { return new CentreDecoder(layout); }
		@Override public int sizeMultiple() { return CentreDetectorNet.SIZE_MULTIPLE; }
		@Override public int targetChannels() { return CentreTargets.channels(layout); }
		@Override public void encode(List<Box> boxes, int gh, int gw, float[] target, int n) { CentreTargets.encode(layout, boxes, gh, gw, target, n); }
		@Override public Loss loss() { return new CentreDetectionLoss(layout, boxWeight); }

		@Override
		public String[] outputChannelNames() {
			return channelNames(List.of(), "heat_", layout.classes(), "d_left", "d_top", "d_right", "d_bottom");
		}

		@Override
		public String outputChannels() {
			return "centre heat-map logits (" + String.join(", ", layout.classes())
					+ "), then ln(distance / stride) from the cell centre to the box's left, top, right, bottom side";
		}
	}
}
