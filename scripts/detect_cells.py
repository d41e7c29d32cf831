# Detect blood cells (RBC, WBC, platelets) in a folder of images with ConvNet for Fiji, from Jython:
# <image>_boxes.csv per image and counts.csv, exactly as the command line's 'detect' writes them,
# then print the blood count of the first image.
#   ... org.python.util.jython scripts/detect_cells.py INPUT_DIR OUTPUT_DIR [MODEL] [FILTER]
import sys

from ij import IJ
from sc.fiji.convnet import ConvNet
from sc.fiji.convnet.request import DetectRequest

if len(sys.argv) < 3:
    raise SystemExit("usage: detect_cells.py INPUT_DIR OUTPUT_DIR [MODEL] [FILTER]")
model = sys.argv[3] if len(sys.argv) > 3 else "bccd-detector"
pattern = sys.argv[4] if len(sys.argv) > 4 else "*"
# the defaults of every entry point (scales 0.7,0.85,1,1.2,1.4, views 2, score 0.35, IoU 0.45); e.g. .with("score", 0.3) to change one
request = DetectRequest.defaults().with("model", model)
report = ConvNet.detectFolder(sys.argv[1], sys.argv[2], pattern, request, False)
print(report)

# one image interactively: boxes in the overlay and a count table
if report.processed:
    imp = IJ.openImage(sys.argv[1] + "/" + report.processed[0])
    det = ConvNet.detectObjects(imp, request, False)
    counts = det.counts()
    for row in range(counts.size()):
        print("%s: %s" % (counts.getStringValue(0, row), counts.getStringValue(1, row)))
