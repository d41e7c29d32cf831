# Edge magnitude (Bishop eqs. 10.3/10.4) and a Gabor filter bank (eqs. 10.6-10.8) of one image, with
# ConvNet for Fiji, from Jython.
#
# In Fiji: open this file in the Script Editor (language Python/Jython) and run it; it filters the current
# image. From a shell (headless):
#   java -cp "target/ConvNet_-*.jar:target/dependency/*:jython-standalone.jar" org.python.util.jython \
#        scripts/filters_demo.py OUTPUT_DIR [IMAGE]
# IMAGE defaults to samples/nuclei_fluo_8bit_crop.tif. Writes <image>_edges.tif (32-bit magnitude),
# <image>_gabor.tif (one labelled feature map per filter) and gabor_bank.tif (the bank, as Fig. 10.11) into
# OUTPUT_DIR, which is created when it does not exist.
import os
import sys

from ij import IJ, WindowManager
from ij.io import FileSaver
from jarray import array
from sc.fiji.convnet import ConvNetFilters

if len(sys.argv) >= 2:
    output = sys.argv[1]
    imp = IJ.openImage(sys.argv[2] if len(sys.argv) > 2 else "samples/nuclei_fluo_8bit_crop.tif")
else:
    imp = WindowManager.getCurrentImage()
    output = IJ.getDirectory("Choose the folder for the results")
if imp is None:
    raise SystemExit("filters_demo.py: no image (give OUTPUT_DIR [IMAGE], or open an image in Fiji)")
if output is None:
    raise SystemExit("filters_demo.py: no output folder chosen")
if not os.path.isdir(output):
    os.makedirs(output)

# the same calls as Plugins > ConvNet > Filters > Edge Filters and Gabor Filter Bank
edges = ConvNetFilters.edges(imp, "magnitude")
bank = ConvNetFilters.gaborBank(8, array([0.785, 1.571], "d"), array([0.0], "d"), 0.05, 0.05, 15)
maps = ConvNetFilters.gaborBank(imp, bank)

name = os.path.splitext(imp.getTitle())[0]
FileSaver(edges).saveAsTiff(os.path.join(output, name + "_edges.tif"))
FileSaver(maps).saveAsTiffStack(os.path.join(output, name + "_gabor.tif"))
FileSaver(ConvNetFilters.gaborMontage(bank)).saveAsTiff(os.path.join(output, "gabor_bank.tif"))
print("%s: edge magnitude and %d Gabor feature maps" % (imp.getTitle(), maps.getStackSize()))
