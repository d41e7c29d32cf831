package sc.fiji.convnet.segment.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.engine.nets.UNet;
import sc.fiji.convnet.predict.Progress;
import sc.fiji.convnet.segment.InstanceDecoder;
import sc.fiji.convnet.segment.LabelImage;
import sc.fiji.convnet.segment.NucleiSegmenter;
import sc.fiji.convnet.segment.SegmentationModel;
import sc.fiji.convnet.segment.SegmentationModels;
import sc.fiji.convnet.tensor.Tensor;

/** A nuclei network with a distance output, written as a model folder, opens in ONNX Runtime as the same model. */
class DistanceModelExportTest {

	@TempDir
	Path dir;

	@Test
	void exportedDistanceModelSegmentsAsTheEngineDoes() throws Exception {
		Network net = DistanceHead.widen(UNet.builder().inChannels(1).classes(3).depth(2).baseWidth(4).seed(3).build(), 4);
		int w = 48, h = 40;
		float[] pixels = new float[w * h];
		int[] truth = new int[w * h];
		SplittableRandom r = new SplittableRandom(2);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				boolean inside = Math.hypot(x - 14, y - 20) < 8 || Math.hypot(x - 34, y - 18) < 7;
				pixels[y * w + x] = (inside ? 200 : 20) + (float) (10 * r.nextDouble());
				truth[y * w + x] = inside ? (x < 24 ? 1 : 2) : 0;
			}
		NucleiSample sample = new NucleiSample("two", w, h, pixels, new LabelImage(w, h, truth, 0));
		Path folder = dir.resolve("distance");
		NucleiModelExport.export(net, folder, 15, Map.of("command", "test"), sample, 0.5);
		try (SegmentationModel onnx = SegmentationModels.load(folder.toString())) {
			assertEquals(InstanceDecoder.OutputKind.BACKGROUND_INTERIOR_BOUNDARY_DISTANCE, onnx.outputKind());
			Tensor x = NucleiTraining.normalize(pixels, w, h);
			Tensor logits = net.forward(x.copy());
			Tensor engine = NucleiTraining.engineModel(net, 15).postprocess(logits.copy()), viaOnnx = onnx.postprocess(onnx.predictor().predict(x.copy()));
			assertArrayEquals(engine.data(), viaOnnx.data(), 1e-4f);
			int plane = w * h;
			for (int i = 0; i < plane; i += 97) {
				assertEquals(1.0, engine.data()[i] + engine.data()[i + plane] + engine.data()[i + 2 * plane], 1e-5, "softmax over the classes");
				assertEquals(1 / (1 + Math.exp(-logits.data()[i + 3 * plane])), engine.data()[i + 3 * plane], 1e-5, "sigmoid on the distance");
			}
			LabelImage a = NucleiSegmenter.builder(NucleiTraining.engineModel(net, 15)).views(1).diameter(15).build().segment(pixels, w, h, Progress.NONE).labels();
			LabelImage b = NucleiSegmenter.builder(onnx).views(1).diameter(15).build().segment(pixels, w, h, Progress.NONE).labels();
			assertArrayEquals(a.labels(), b.labels());
		}
	}
}
