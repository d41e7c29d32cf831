# Segment every image of a folder: <image>_labels.tif, <image>_rois.zip and one measurements.csv,
# exactly as Plugins > ConvNet > Batch Segment Nuclei and 'bin/convnet segment' write them.
#   ... org.python.util.jython scripts/batch_segment_folder.py INPUT_DIR OUTPUT_DIR [MODEL] [FILTER]
import sys

from sc.fiji.convnet import ConvNet

if len(sys.argv) < 3:
    raise SystemExit("usage: batch_segment_folder.py INPUT_DIR OUTPUT_DIR [MODEL] [FILTER]")
model = sys.argv[3] if len(sys.argv) > 3 else "nuclei"
pattern = sys.argv[4] if len(sys.argv) > 4 else "*"
report = ConvNet.segmentFolder(sys.argv[1], sys.argv[2], pattern, model, False)
print(report)
if report.failed:
    print("failed: " + ", ".join(report.failed))
