package sc.fiji.convnet.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.convnet.ConvNet;
import sc.fiji.convnet.TestData;
import sc.fiji.convnet.model.ModelRepository;
import sc.fiji.convnet.onnx.OnnxSession;
import sc.fiji.convnet.onnx.SessionCache;

/** Every task takes the names Classify takes: Grad-CAM and occlusion find bccd-classifier; detection opens its model once. */
class ModelsByNameTest {

	private static ImagePlus smear() {
		ImagePlus smear = IJ.openImage(TestData.shared("bccd/JPEGImages/BloodImage_00000.jpg").toString());
		smear.setRoi(200, 150, 96, 64);
		return smear.crop();
	}

	@Test
	void gradCamAndOcclusionTakeTheShippedClassifiersName() throws Exception {
		ImagePlus imp = smear();
		ImagePlus byName = ConvNet.gradCam(imp, "bccd-classifier", "", 1, 0, SaliencyImages.NORMALIZE_UNIT);
		ImagePlus byPath = ConvNet.gradCam(imp, Path.of("models/bccd-classifier/model.onnx").toString(), "", 1, 0, SaliencyImages.NORMALIZE_UNIT);
		assertEquals(96, byName.getWidth());
		assertEquals(64, byName.getHeight());
		assertArrayEquals((float[]) byPath.getProcessor().getPixels(), (float[]) byName.getProcessor().getPixels(), 1e-5f);
		ImagePlus occlusion = ConvNet.occlusion(imp, "bccd-classifier", 16, 16, 8, 0, 1, true, 0, SaliencyImages.NORMALIZE_UNIT,
				sc.fiji.convnet.predict.Progress.NONE);
		assertNotNull(occlusion);
		assertEquals(ConvNet.classify(imp, "bccd-classifier", 1, ImageClassification.NORMALIZE_DIVIDE_255).getStringValue("Class 1", 0),
				ConvNet.classify(imp, "models/bccd-classifier", 1, ImageClassification.NORMALIZE_DIVIDE_255).getStringValue("Class 1", 0));
	}

	@Test
	void detectObjectsThreeTimesUsesOneSession() throws Exception {
		ImagePlus imp = IJ.openImage(TestData.shared("bccd/JPEGImages/BloodImage_00000.jpg").toString());
		Path onnx = ModelRepository.standard().resolve("bccd-detector").onnx();
		ConvNet.detectObjects(imp, "bccd-detector", "1", 0.3, 0.45, false);
		OnnxSession first = SessionCache.shared().get(onnx, sc.fiji.convnet.engine.kernels.Kernels.defaultThreads());
		int open = SessionCache.shared().size();
		for (int i = 0; i < 2; i++) {
			assertTrue(ConvNet.detectObjects(imp, "bccd-detector", "1", 0.3, 0.45, false).boxes().size() > 5);
			assertEquals(onnx, ModelRepository.standard().resolve("bccd-detector").onnx(), "the model's files are found, not copied, each time");
		}
		assertSame(first, SessionCache.shared().get(onnx, sc.fiji.convnet.engine.kernels.Kernels.defaultThreads()));
		assertEquals(open, SessionCache.shared().size(), "no new native session");
	}
}
