// Runs each command of Plugins > ConvNet > Filters on one image, with the options the macro recorder
// writes, and saves every result as a TIFF into a folder.
//
// Headless: ImageJ -batch filters_demo.ijm "image=/data/cells.tif output=/data/out"

args = getArgument();
image = call("ij.Macro.getValue", args, "image", "");
output = call("ij.Macro.getValue", args, "output", "");
setBatchMode(true);
if (image != "") open(image);
if (nImages == 0) exit("Filters demo: open an image first");
if (output == "") output = getDirectory("Choose the folder for the results");
input = getImageID();
out = output + File.separator;

// a kernel typed as text (rows separated by \n or ;), as typed (no normalize), ImageJ's borders
run("Convolve", "text1=[-1 0 1\n-2 0 2\n-1 0 1] kernel=text padding=replicate output=same stride=1");
saveAs("Tiff", out + "convolved.tif");
// valid output with stride 2: only whole kernels, every second pixel; calibration follows
selectImage(input);
run("Convolve", "text1=[1 2 1; 2 4 2; 1 2 1] kernel=text normalize padding=zero output=valid stride=2");
saveAs("Tiff", out + "smoothed_valid_stride2.tif");

// eqs. 10.3 and 10.4, signed, and their magnitude, as three channels
selectImage(input);
run("Edge Filters", "output=all");
saveAs("Tiff", out + "edges.tif");

// eqs. 10.6-10.8: 4 orientations x 2 frequencies, one feature map each, and the bank as a picture
selectImage(input);
run("Gabor Filter Bank", "orientations=4 frequencies=[0.8, 1.6] phase=0 alpha=0.1 beta=0.1 size=9 show");
saveAs("Tiff", out + "gabor_maps.tif");
selectImage("Gabor bank (8 filters)");
saveAs("Tiff", out + "gabor_bank.tif");

selectImage(input);
run("Pool", "method=max size=2 stride=2");
saveAs("Tiff", out + "max_pooled.tif");

selectImage(input);
run("Up-sample", "method=bilinear factor=2");
saveAs("Tiff", out + "upsampled.tif");
print("Filters demo: 7 images saved in " + output);
