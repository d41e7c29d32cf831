package sc.fiji.convnet.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sc.fiji.convnet.model.transform.Transformation;
import sc.fiji.convnet.tensor.Tensor;

/**
 * One input or output of a model: its name (the ONNX tensor name), axes, and processing steps.
 */
public record TensorDescription(String name, List<Axis> axes, List<Transformation> preprocessing,
		List<Transformation> postprocessing) {

	public TensorDescription {
		axes = List.copyOf(axes);
		preprocessing = preprocessing == null ? List.of() : List.copyOf(preprocessing);
		postprocessing = postprocessing == null ? List.of() : List.copyOf(postprocessing);
	}

	public List<String> axisIds() {
		List<String> ids = new ArrayList<>();
		for (Axis a : axes) ids.add(a.id());
		return ids;
	}

	public Axis axis(String id) {
		for (Axis a : axes) if (a.id().equals(id)) return a;
		throw new IllegalArgumentException("tensor '" + name + "' has no axis '" + id + "'; its axes are " + axisIds());
	}

	public int rank() { return axes.size(); }

	/** Halo per axis, in axis order. */
	public int[] halo() { return axes.stream().mapToInt(Axis::halo).toArray(); }

	public TensorDescription withPreprocessing(List<Transformation> steps) {
		return new TensorDescription(name, axes, steps, postprocessing);
	}

	public TensorDescription withPostprocessing(List<Transformation> steps) {
		return new TensorDescription(name, axes, preprocessing, steps);
	}

	public TensorDescription withAxes(List<Axis> newAxes) {
		return new TensorDescription(name, newAxes, preprocessing, postprocessing);
	}

	public TensorDescription withName(String newName) {
		return new TensorDescription(newName, axes, preprocessing, postprocessing);
	}

	/** Applies the preprocessing steps in order. */
	public Tensor preprocess(Tensor t) { return applyAll(preprocessing, t); }

	/** Applies the postprocessing steps in order. */
	public Tensor postprocess(Tensor t) { return applyAll(postprocessing, t); }

	private Tensor applyAll(List<Transformation> steps, Tensor t) {
		checkRank(t);
		List<String> ids = axisIds();
		for (Transformation s : steps) t = s.apply(t, ids);
		return t;
	}

	/** Rank and fixed sizes (batch excepted: any batch size is fine) must match the axes. */
	public void checkShape(Tensor t) {
		checkRank(t);
		int[] shape = t.shape();
		for (int i = 0; i < shape.length; i++) {
			Axis a = axes.get(i);
			if (a.type() != AxisType.BATCH && !a.accepts(shape[i]))
				throw new IllegalArgumentException("tensor '" + name + "': axis " + a + " does not accept size " + shape[i]
						+ " in shape " + Arrays.toString(shape) + (a.type() == AxisType.CHANNEL ? " (wrong number of channels)" : ""));
		}
	}

	private void checkRank(Tensor t) {
		if (t.rank() != axes.size())
			throw new IllegalArgumentException("tensor '" + name + "' has axes " + axisIds() + " but got shape " + t.shapeString());
	}

	@Override
	public String toString() {
		return name + axes;
	}
}
