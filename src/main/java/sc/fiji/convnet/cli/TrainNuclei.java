package sc.fiji.convnet.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import sc.fiji.convnet.ij.NucleiDataset;
import sc.fiji.convnet.segment.train.NucleiSample;
import sc.fiji.convnet.segment.train.NucleiTraining;

/** {@code bin/convnet train-nuclei}: the one reproducible command that trains the shipped nuclei model. */
final class TrainNuclei {

	private TrainNuclei() {}

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet train-nuclei --data DIR[,DIR...] --output FILE [options]",
			"",
			"Trains the three-class (background, interior, boundary) nuclei U-Net with the ConvNet engine on the",
			"'train' split of each DIR (nuclei-dsb2018 layout: images/, labels/, split.csv) and keeps the network with the",
			"best mean validation AP@0.5 over the 'val' splits in FILE (engine format). A checkpoint FILE.ckpt is written",
			"atomically every --checkpoint-every steps; --resume continues from it. The log goes to standard output.",
			"",
			"Options:",
			TrainingOptions.usage(new NucleiTraining.Settings(), ", a multiple of 2^depth", "channels of the first level"),
			"  --depth N         U-Net depth (default " + new NucleiTraining.Settings().depth + ")",
			"  --diameter PX     nucleus diameter crops are zoomed to, from each image's own median (default "
					+ new NucleiTraining.Settings().diameter + "; 0 = raw scale)",
			"  --min-scale X     smallest zoom of the wide share of crops (default " + new NucleiTraining.Settings().minScale + ")",
			"  --max-scale X     largest zoom of the wide share of crops (default " + new NucleiTraining.Settings().maxScale + ")",
			"  --init FILE       start from a network written by train-nuclei (its depth and width are kept)",
			"  --resume          continue from FILE.ckpt when it exists (same schedule)",
			"  --distance        learn a fourth output, each nucleus pixel's distance to its edge (normalised), whose centres",
			"                    seed the nuclei; a three-class --init network gets it added",
			"  --distance-weight X  weight of the distance output's loss against the classes' (default "
					+ new NucleiTraining.Settings().distanceWeight + ")",
			"  --checkpoint-every N  steps between checkpoints (default " + new NucleiTraining.Settings().checkpointEvery + ")",
			"With several DIRs each gives an equal share of the crops.",
			"");

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, TrainingOptions.keysWith("depth", "min-scale", "max-scale", "init", "diameter", "checkpoint-every", "distance-weight"), Set.of("help", "resume", "distance"));
		if (o.flag("help")) { out.print(USAGE); return 0; }
		NucleiTraining.Settings s = new NucleiTraining.Settings();
		TrainingOptions.read(o, s);
		s.depth = o.integer("depth", s.depth);
		s.minScale = o.number("min-scale", s.minScale);
		s.maxScale = o.number("max-scale", s.maxScale);
		s.diameter = o.number("diameter", s.diameter);
		s.checkpointEvery = o.integer("checkpoint-every", s.checkpointEvery);
		s.resume = o.flag("resume");
		s.distance = o.flag("distance");
		s.distanceWeight = o.number("distance-weight", s.distanceWeight);
		if (!(s.distanceWeight >= 0) || Double.isInfinite(s.distanceWeight))
			throw new Options.UsageException("--distance-weight " + s.distanceWeight + " must be a finite number ≥ 0");
		if (o.get("distance-weight", null) != null && !s.distance) throw new Options.UsageException("--distance-weight needs --distance");
		if (s.diameter < 0) throw new Options.UsageException("--diameter " + s.diameter + " must be ≥ 0");
		if (s.checkpointEvery <= 0) throw new Options.UsageException("--checkpoint-every " + s.checkpointEvery + " must be positive");
		String init = o.get("init", null);
		if (init != null) {
			s.init = Path.of(init);
			if (!java.nio.file.Files.isRegularFile(s.init)) throw new Options.UsageException("--init " + init + " is not a file");
		}
		if (s.crop % (1 << s.depth) != 0) throw new Options.UsageException("--crop " + s.crop + " is not a multiple of 2^" + s.depth);
		if (!(s.minScale > 0 && s.maxScale >= s.minScale))
			throw new Options.UsageException("--min-scale " + s.minScale + " and --max-scale " + s.maxScale + " make no zoom range");
		List<NucleiSample> train = new java.util.ArrayList<>();
		java.util.Map<String, List<NucleiSample>> val = new java.util.LinkedHashMap<>();
		List<Integer> sources = new java.util.ArrayList<>();
		for (String dir : o.require("data").split(",")) {
			Path data = Path.of(dir.trim());
			List<NucleiSample> t = NucleiDataset.load(data, "train"), v = NucleiDataset.load(data, "val");
			train.addAll(t);
			sources.add(t.size());
			val.put(data.getFileName().toString(), v);
			out.println("train-nuclei: " + t.size() + " training and " + v.size() + " validation images from " + data);
		}
		out.println("train-nuclei: seed " + s.seed);
		double ap = new NucleiTraining(s, out).sources(sources.stream().mapToInt(Integer::intValue).toArray()).train(train, val, Path.of(o.require("output")));
		out.printf(java.util.Locale.ROOT, "train-nuclei: best mean val AP@0.5 %.4f, network in %s%n", ap, o.require("output"));
		return 0;
	}

	static final String EXPORT_USAGE = String.join("\n",
			"Usage: bin/convnet export-nuclei --network FILE --data DIR[,DIR...] --output DIR [--diameter PX] [--command TEXT]",
			"",
			"Writes the network trained by train-nuclei as a model folder: model.onnx (opset 17), bioimageio.yaml with the",
			"pre-processing (scale_range 1–99.8 %) and what the outputs mean, test_input.npy / test_output.npy and README.md.",
			"The nucleus diameter recorded for the diameter option (and that the automatic diameter rescales to) is --diameter,",
			"by default the median of the training splits. The val AP@0.5 recorded is that of the first DIR's val split with the",
			"default settings (automatic diameter, 4 views).",
			"",
			"Options:",
			"  --network FILE    the network written by train-nuclei (required)",
			"  --data DIR,...    nuclei-dsb2018-layout folders: training diameters, validation score, test tensors (required)",
			"  --diameter PX     the nucleus diameter the network was trained at (train-nuclei --diameter; default: the median)",
			"  --output DIR      the model folder to write (required)",
			"  --command TEXT    the training command recorded in bioimageio.yaml (default: the shipped model's)",
			"");

	static final String SHIPPED_DATA = "nuclei-dsb2018 + nuclei-dsb2018-stage1-train train splits (531 images), half of the crops each;"
			+ " the last fine-tune draws crowded images more often within each nucleus-size class";

	/** The command that trained the shipped model (models/nuclei/training.log). */
	static final String SHIPPED_COMMAND = "bin/convnet train-nuclei --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train"
			+ " --output runs/nuclei-d3/nuclei.net --depth 4 --width 16 --distance --steps 20000 --lr 0.002 --ema 0.999 --diameter 0"
			+ " --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 63 --resume"
			+ " (runs/nuclei-d3/run.sh, two sessions; its best validation, step 17000), then"
			+ " bin/convnet train-nuclei --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train"
			+ " --output runs/nuclei-f2/nuclei.net --init runs/nuclei-d3/nuclei.net --distance --steps 4000 --lr 0.0007 --ema 0.999 --diameter 0"
			+ " --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 64 --resume"
			+ " (runs/nuclei-f2/run.sh, code of commit d8dd8d3: its last step, moving-average weights, runs/nuclei-f2/final.net), then"
			+ " bin/convnet train-nuclei --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train"
			+ " --output runs/nuclei-f5/nuclei.net --init runs/nuclei-f2/final.net --distance --steps 4000 --lr 0.0005 --ema 0.999 --diameter 0"
			+ " --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 65 --resume"
			+ " (runs/nuclei-f5/run.sh; models/nuclei/nuclei.net: its last step, moving-average weights, runs/nuclei-f5/final.net)";

	static int export(String[] args, PrintStream out) throws Exception {
		Options o = new Options(args, 1, Set.of("network", "data", "output", "command", "diameter"), Set.of("help"));
		if (o.flag("help")) { out.print(EXPORT_USAGE); return 0; }
		sc.fiji.convnet.engine.Network net = sc.fiji.convnet.engine.Network.load(Path.of(o.require("network")));
		List<NucleiSample> train = new java.util.ArrayList<>(), val = null;
		for (String dir : o.require("data").split(",")) {
			Path data = Path.of(dir.trim());
			train.addAll(NucleiDataset.load(data, "train"));
			if (val == null) val = NucleiDataset.load(data, "val");
		}
		double diameter = o.get("diameter", null) != null ? o.number("diameter", 0) : sc.fiji.convnet.segment.train.NucleiModelExport.medianDiameter(train);
		if (!(diameter > 0)) throw new Options.UsageException("--diameter " + diameter + " must be positive");
		java.util.Map<String, Object> training = new java.util.LinkedHashMap<>();
		training.put("data", o.get("command", null) == null ? SHIPPED_DATA : "the train splits of " + o.require("data"));
		training.put("command", o.get("command", SHIPPED_COMMAND));
		training.put("log", "training.log");
		double valAp = NucleiTraining.validate(net, val, diameter);
		Path yaml = sc.fiji.convnet.segment.train.NucleiModelExport.export(net, Path.of(o.require("output")), diameter, training, val.get(0), valAp);
		out.printf(java.util.Locale.ROOT, "export-nuclei: %s (trained nucleus diameter %.1f px, val AP@0.5 %.4f)%n", yaml, diameter, valAp);
		return 0;
	}
}
