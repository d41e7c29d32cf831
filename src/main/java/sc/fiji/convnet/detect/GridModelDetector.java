package sc.fiji.convnet.detect;

import java.util.List;

/** A {@link Detector} on our grid detector (engine or ONNX backend). */
public final class GridModelDetector implements Detector {

	private final GridDetector grid;
	private final String name;

	public GridModelDetector(GridDetector grid, String name) {
		this.grid = grid;
		this.name = name;
	}

	@Override
	public List<Box> detect(RgbImage image, DetectionSettings s) {
		return grid.detect(image, s.scales(), s.scoreThreshold(), s.nms());
	}

	@Override public List<String> classes() { return grid.layout().classes(); }

	@Override public String describe() { return name + " (grid detector, stride " + grid.layout().stride() + ")"; }
}
