package sc.fiji.convnet.cli;

import java.io.PrintStream;
import java.util.Set;

import sc.fiji.convnet.engine.optim.TrainingLoop;
import sc.fiji.convnet.ij.SegmentationTrainingRun;
import sc.fiji.convnet.request.TrainSegmentationRequest;
import sc.fiji.convnet.segment.train.SegmentationTrainer;

/** {@code bin/convnet train-segmentation}: a nuclei model from the user's own images and label images. */
final class TrainSegmentationCli {

	private TrainSegmentationCli() {}

	static final String USAGE = String.join("\n",
			"Usage: bin/convnet train-segmentation --images DIR --labels DIR [--init MODEL] [--minutes M | --steps N] --output DIR",
			"",
			"Trains a nuclei model on the images of --images and their label images in --labels (0 = background, one value",
			"per nucleus; matched by name: a.tif with a.tif, a_labels.tif, a_mask.png, ...). By default it fine-tunes the",
			"shipped 'nuclei' model (three classes and a distance output) for 10 minutes; from scratch (--init none) it trains",
			"three classes. It holds 20 % of the images out to keep the best network (never worse there than the starting",
			"model). The model folder it writes (ONNX, bioimage.io description, engine network and",
			"checkpoint, training.log) is used by 'bin/convnet segment --model DIR'; without --output it is installed under",
			"--name in the models folder (~/.convnet/models), where every command finds it by name. With --steps alone there",
			"is no time limit. --val-images/--val-labels are accepted for --valimages/--vallabels.",
			"",
			"Options:",
			TrainSegmentationRequest.SPEC.cliUsage() + ConvNetCli.COMMON_USAGE);

	static int run(String[] args, PrintStream out) throws Exception {
		Options o = Options.of(args, TrainSegmentationRequest.SPEC, Set.of(), Set.of());
		if (o.flag("help")) { out.print(USAGE); return ConvNetCli.OK; }
		o.require("images");
		TrainSegmentationRequest r = Options.request(() -> TrainSegmentationRequest.from(TrainingOptions.values(o, TrainSegmentationRequest.SPEC)));
		Options.request(() -> { r.checkFolders(); return r; });
		SegmentationTrainer.Result result = SegmentationTrainingRun.run(r, out, TrainingLoop.Monitor.NONE);
		out.println("train-segmentation: " + result);
		return ConvNetCli.OK;
	}
}
