# Segment the nuclei of one image with ConvNet for Fiji, from Jython.
#
# In Fiji: open this file in the Script Editor (language Python/Jython) and run it; it segments the
# current image. From a shell (headless):
#   java -cp "target/ConvNet_-*.jar:target/dependency/*:jython-standalone.jar" org.python.util.jython \
#        scripts/segment_nuclei.py IMAGE OUTPUT_DIR [MODEL]
import os
import sys

from ij import IJ, WindowManager
from ij.io import FileSaver
from java.io import File
from sc.fiji.convnet import ConvNet
from java.nio.file import Paths
from sc.fiji.convnet.ij import RoiZip, Tables
from sc.fiji.convnet.io import AtomicFiles

if len(sys.argv) >= 3:
    imp = IJ.openImage(sys.argv[1])
    output = sys.argv[2]
    model = sys.argv[3] if len(sys.argv) > 3 else "nuclei"
else:
    imp = WindowManager.getCurrentImage()
    output = IJ.getDirectory("Choose the folder for the results")
    model = "nuclei"
if imp is None:
    raise SystemExit("segment_nuclei.py: no image (give IMAGE OUTPUT_DIR, or open an image in Fiji)")
if output is None:
    raise SystemExit("segment_nuclei.py: no output folder chosen")
if not os.path.isdir(output):
    os.makedirs(output)

# the same builder and defaults as the menu command and the command line
segmenter = ConvNet.segmenter(model).threshold(0.7).seedThreshold(0.7).minArea(20).views(4).build()
result = ConvNet.segment(imp, segmenter)

name = os.path.splitext(imp.getTitle())[0]
# every file is written whole under a temporary name and then renamed, so a file with its final name is complete
AtomicFiles.write(Paths.get(os.path.join(output, name + "_labels.tif")), FileSaver(result.labels()).serialize())
RoiZip.write(result.rois(), File(os.path.join(output, name + "_rois.zip")))
AtomicFiles.write(Paths.get(os.path.join(output, name + "_measurements.csv")), Tables.csv(result.table(), 3))
for warning in result.warnings():
    print("%s: warning: %s" % (imp.getTitle(), warning))
size = result.diameterSummary()
print("%s: %d nuclei%s" % (imp.getTitle(), result.objectCount(), " (" + size + ")" if size else ""))
