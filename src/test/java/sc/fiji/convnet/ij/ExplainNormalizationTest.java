package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.engine.Network;
import sc.fiji.convnet.explain.TinyNets;
import sc.fiji.convnet.predict.Progress;

/**
 * The explain commands normalise as the model says: the shipped classifier's description (value/255) decides whatever
 * the dialog's normalisation is; a bare engine network takes the dialog's choice.
 */
class ExplainNormalizationTest {

	private static ImagePlus smear() {
		SplittableRandom rng = new SplittableRandom(3);
		ColorProcessor cp = new ColorProcessor(32, 32);
		for (int i = 0; i < 32 * 32; i++) cp.set(i, rng.nextInt(1 << 24));
		return new ImagePlus("smear", cp);
	}

	private static float[] pixels(ImagePlus imp) { return (float[]) imp.getProcessor().convertToFloatProcessor().getPixels(); }

	@Test
	void aDescribedModelIgnoresTheDialogsNormalization() throws Exception {
		ImagePlus imp = smear();
		float[] none = pixels(ConvNet.gradCam(imp, "bccd-classifier", "", 1, 0, SaliencyImages.NORMALIZE_NONE));
		float[] unit = pixels(ConvNet.gradCam(imp, "bccd-classifier", "", 1, 0, SaliencyImages.NORMALIZE_UNIT));
		assertArrayEquals(none, unit, "Grad-CAM");
		float[] occNone = pixels(ConvNet.occlusion(imp, "bccd-classifier", 16, 16, 4, 0, 1, true, 0, SaliencyImages.NORMALIZE_NONE, Progress.NONE));
		float[] occZ = pixels(ConvNet.occlusion(imp, "bccd-classifier", 16, 16, 4, 0, 1, true, 0, SaliencyImages.NORMALIZE_ZSCORE, Progress.NONE));
		assertArrayEquals(occNone, occZ, "occlusion");
	}

	@Test
	void aBareNetworkTakesTheDialogsNormalization(@TempDir Path tmp) throws Exception {
		Network net = TinyNets.blobDetector();
		Path file = tmp.resolve("blobs.convnet");
		net.save(file);
		ImagePlus imp = new ImagePlus("grey", smear().getProcessor().convertToFloatProcessor());
		float[] none = pixels(ConvNet.gradCam(imp, file.toString(), "", 0, 0, SaliencyImages.NORMALIZE_NONE));
		float[] z = pixels(ConvNet.gradCam(imp, file.toString(), "", 0, 0, SaliencyImages.NORMALIZE_ZSCORE));
		assertFalse(Arrays.equals(none, z));
	}
}
