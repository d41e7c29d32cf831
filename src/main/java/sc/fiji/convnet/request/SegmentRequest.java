package sc.fiji.convnet.request;

import java.io.IOException;
import java.util.List;

import sc.fiji.convnet.model.ModelTask;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationModels;

/**
 * Segment Nuclei: every option with its default, in one place. Menu command, ImageJ 1.x dialog, macro, Jython and
 * {@code bin/convnet segment} all build this record (macro {@code seed=0.6} = SciJava field {@code seed} =
 * {@code --seed 0.6}).
 */
public record SegmentRequest(String model, int channel, double threshold, double seed, double diameter, int minimum, int maximum, int tile, int views)
		implements java.io.Serializable {

	public static final Spec SPEC = Spec.of("Segment Nuclei",
			Option.text("model", "Model (name or path)", ModelTask.SEGMENTATION.defaultModel())
					.help("a shipped or installed model's name, or a path to a model folder, descriptor or .onnx").models(ModelTask.SEGMENTATION),
			Option.integer("channel", "Channel with nuclei", 1).help("1-based channel holding the nuclei"),
			Option.number("threshold", "Threshold (probability)", NucleiSegmenter.DEFAULT_THRESHOLD).help("foreground probability threshold in (0,1)"),
			Option.number("seed", "Seed threshold", NucleiSegmenter.DEFAULT_SEED_THRESHOLD).aliases("seed-threshold", "seedThreshold")
					.help("interior probability that seeds a nucleus"),
			Option.number("diameter", "Diameter of nuclei (0 = automatic)", 0)
					.help("nucleus diameter in pixels; the image is rescaled to the model's training scale (0 = found in each image)"),
			Option.integer("minimum", "Minimum area (pixels)", NucleiSegmenter.DEFAULT_MIN_AREA).aliases("min-area", "minArea")
					.help("smallest object kept, in pixels at the model's scale"),
			Option.integer("maximum", "Maximum area (pixels, 0 = none)", 0).aliases("max-area", "maxArea").help("largest object kept, in pixels (0 = no limit)"),
			Option.integer("tile", "Tile size (pixels, 0 = automatic)", 0).aliases("tileSize")
					.help("largest tile edge for prediction, halo included (0 = automatic, one tile up to 2048x2048 px)"),
			Option.choice("views", "Views averaged (flips/rotations)", String.valueOf(NucleiSegmenter.DEFAULT_VIEWS), List.of("1", "2", "4", "8"))
					.help("average the network over 1, 2, 4 or 8 flipped/rotated views"));

	public SegmentRequest {
		model = model == null || model.isBlank() ? ModelTask.SEGMENTATION.defaultModel() : model.trim();
		if (channel < 1) throw new IllegalArgumentException("Segment Nuclei: channel " + channel + " is not ≥ 1");
		if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("Segment Nuclei: threshold " + threshold + " is not in (0, 1)");
		if (!(seed > 0 && seed < 1)) throw new IllegalArgumentException("Segment Nuclei: seed " + seed + " is not in (0, 1)");
		if (!(diameter >= 0)) throw new IllegalArgumentException("Segment Nuclei: diameter " + diameter + " is negative");
		if (minimum < 0 || maximum < 0 || tile < 0) throw new IllegalArgumentException("Segment Nuclei: minimum, maximum and tile must be ≥ 0");
		if (views != 1 && views != 2 && views != 4 && views != 8) throw new IllegalArgumentException("Segment Nuclei: views " + views + " is not 1, 2, 4 or 8");
	}

	public static SegmentRequest defaults() { return from(SPEC.defaults()); }

	public static SegmentRequest from(Values v) {
		return new SegmentRequest(v.text("model"), v.integer("channel"), v.number("threshold"), v.number("seed"), v.number("diameter"), v.integer("minimum"),
				v.integer("maximum"), v.integer("tile"), v.integer("views"));
	}

	public Values values() {
		return SPEC.defaults().set("model", model).set("channel", channel).set("threshold", threshold).set("seed", seed).set("diameter", diameter)
				.set("minimum", minimum).set("maximum", maximum).set("tile", tile).set("views", views);
	}

	/** A copy with one option changed by its key (Jython: {@code SegmentRequest.defaults().with("seed", 0.6)}). */
	public SegmentRequest with(String key, Object value) { return from(values().set(key, value)); }

	/** The segmenter's settings for this request (the model found by the model repository, its session cached). */
	public NucleiSegmenter.Builder builder() throws IOException {
		sc.fiji.convnet.onnx.DjlSetup.offline();
		return applyTo(NucleiSegmenter.builder(SegmentationModels.load(model)));
	}

	/** These settings (all but the model and channel) on a builder of an opened model (a cluster task opens its own copy). */
	public NucleiSegmenter.Builder applyTo(NucleiSegmenter.Builder builder) {
		return builder.threshold(threshold).seedThreshold(seed).diameter(diameter).minArea(minimum).maxArea(maximum <= 0 ? Integer.MAX_VALUE : maximum)
				.tileSize(tile).views(views);
	}

	public NucleiSegmenter segmenter() throws IOException { return builder().build(); }
}
