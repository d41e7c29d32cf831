# Fine-tune the nuclei model on your own annotated images with ConvNet for Fiji, from Jython.
#
# In Fiji: open this file in the Script Editor (language Python/Jython) and run it; it asks for the folder
# of images and the folder of label images (0 = background, one value per nucleus, named like the images).
# From a shell (headless):
#   java -cp "target/ConvNet_-*.jar:target/dependency/*:jython-standalone.jar" org.python.util.jython \
#        scripts/train_segmentation.py IMAGES_DIR LABELS_DIR OUTPUT_MODEL_DIR [STEPS]
# The model folder it writes is used by Segment Nuclei (model=OUTPUT_MODEL_DIR) at once.
import sys

from ij import IJ
from sc.fiji.convnet import ConvNet
from sc.fiji.convnet.request import TrainSegmentationRequest

request = TrainSegmentationRequest.defaults()
if len(sys.argv) >= 4:
    request = request.with("images", sys.argv[1]).with("labels", sys.argv[2]).with("output", sys.argv[3])
    if len(sys.argv) > 4:
        request = request.with("steps", int(sys.argv[4])).with("minutes", 0)
else:
    images = IJ.getDirectory("Folder of training images")
    labels = IJ.getDirectory("Folder of their label images")
    if images is None or labels is None:
        raise SystemExit("train_segmentation.py: no folder chosen")
    request = request.with("images", images).with("labels", labels)

result = ConvNet.trainSegmentation(request)
print("train_segmentation.py: %s" % result)
print("train_segmentation.py: val AP@0.5 %.4f, model in %s" % (result.bestAp(), result.model()))
