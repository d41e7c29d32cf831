package sc.fiji.convnet.ij;

import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import sc.fiji.convnet.explain.TopClasses;
import sc.fiji.convnet.io.BatchJournal;
import sc.fiji.convnet.model.ModelFiles;

/**
 * Classify over a folder through the {@link FolderRunner}: the top-k classes of each whole image, kept per image in
 * the journal of the table's folder, and the table (one row per image: Label, X, Y, Width, Height, Class 1, Index 1,
 * P 1, ...) rebuilt from them at the end of every run.
 */
public final class BatchClassification implements FolderRunner.Task {

	private final ModelFiles model;
	private final ImageClassification.Opened classifier;
	private final int k;
	private final String normalization, table;

	/** @param table the CSV's file name, written into the runner's output folder */
	public BatchClassification(ModelFiles model, int k, String normalization, String table) throws java.io.IOException {
		this.model = model;
		this.classifier = ImageClassification.Opened.of(model);
		this.k = k;
		this.normalization = normalization;
		this.table = table;
	}

	/** Per table: two tables in one folder keep separate journal entries. */
	@Override public String name() { return "classify:" + table; }
	@Override public String doneWord() { return "classified"; }
	@Override public List<String> outputSuffixes() { return List.of(); }

	@Override
	public String settings() {
		return "model=" + model.name() + "@sha256:" + model.digest() + ";top=" + k + ";normalization=" + normalization;
	}

	@Override
	public void process(ImagePlus imp, FolderRunner.Item item) throws Exception {
		List<TopClasses.Ranked> top = classifier.scores().top(ImageClassification.input(imp, classifier, normalization), k);
		item.data("X", "0");
		item.data("Y", "0");
		item.data("Width", Integer.toString(imp.getWidth()));
		item.data("Height", Integer.toString(imp.getHeight()));
		for (int r = 0; r < top.size(); r++) {
			item.data("Class " + (r + 1), "s:" + top.get(r).name());
			item.data("Index " + (r + 1), Integer.toString(top.get(r).index()));
			item.data("P " + (r + 1), Double.toString(top.get(r).probability()));
		}
		item.note(top.isEmpty() ? "no classes" : top.get(0).name() + String.format(java.util.Locale.ROOT, " (%.3f)", top.get(0).probability()));
	}

	@Override
	public void finish(FolderRunner.Finish finish) throws java.io.IOException {
		ResultsTable t = new ResultsTable();
		for (BatchJournal.Entry e : finish.done) {
			t.incrementCounter();
			t.addLabel(e.input);
			for (Map.Entry<String, String> d : e.data.entrySet()) {
				if (d.getValue().startsWith("s:")) t.addValue(d.getKey(), d.getValue().substring(2));
				else t.addValue(d.getKey(), Double.parseDouble(d.getValue()));
			}
		}
		byte[] csv = Tables.csv(t, 9);
		finish.report.table = finish.write(table, stream -> stream.write(csv)).toFile();
		finish.report.objects = t.size();
	}
}
