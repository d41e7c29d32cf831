package sc.fiji.convnet.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import sc.fiji.convnet.model.ModelRepository;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Classify finds a shipped model by its name, as segmentation and detection do, with the class names of its description. */
class ClassifierByNameTest {

	@Test
	void shippedClassifierLoadsByName() throws Exception {
		ImageClassifier byName = ImageClassifier.of(ModelRepository.standard().resolve("bccd-classifier"));
		assertEquals(List.of("RBC", "WBC", "Platelets", "background"), byName.names());
		assertEquals(ImageClassifier.of(ModelRepository.standard().resolve("models/bccd-classifier")).names(), byName.names());
	}
}
