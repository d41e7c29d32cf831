package sc.fiji.convnet.detect;

import java.util.List;

/** A {@link Detector} on one of our fully convolutional detectors (grid or centre decoder; engine or ONNX backend). */
public final class GridModelDetector implements Detector {

	private final GridDetector grid;
	private final String name;

	public GridModelDetector(GridDetector grid, String name) {
		this.grid = grid;
		this.name = name;
	}

	@Override
	public List<Box> detect(RgbImage image, DetectionSettings s) {
		return grid.detect(image, s.scales(), s.views(), s.scoreThreshold(), s.nms());
	}

	@Override
	public List<Box> detect(RgbImage image, DetectionSettings s, sc.fiji.convnet.predict.Progress progress) {
		return grid.detect(image, s.scales(), s.views(), s.scoreThreshold(), s.nms(), progress);
	}

	@Override public List<String> classes() { return grid.decoder().classes(); }

	@Override public String describe() { return name + " (" + grid.decoder().describe() + ")"; }
}
