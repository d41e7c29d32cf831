// Batch nuclei segmentation with ConvNet for Fiji.
//
// For every image of the input folder that matches the file filter, writes into the output folder
//   <image>_labels.tif  16-bit label image (0 = background, one id per nucleus)
//   <image>_rois.zip    the outlines as an ImageJ ROI set
// and one measurements.csv for the whole folder. Files that are not images or cannot be read are
// logged and skipped; existing outputs are kept unless overwrite is given. The ROI Manager is not touched.
//
// Interactive: Plugins > Macros > Run..., then choose the folders.
// Headless:    ImageJ -batch batch_segment_nuclei.ijm "input=/data/in output=/data/out filter=*.tif model=nuclei"

args = getArgument();
input = value(args, "input", "");
output = value(args, "output", "");
filter = value(args, "filter", "*");
model = value(args, "model", "nuclei");
channel = value(args, "channel", "1");
threshold = value(args, "threshold", "0.7");
views = value(args, "views", "4");
diameter = value(args, "diameter", "0");
overwrite = value(args, "overwrite", "false");
if (input == "") input = getDirectory("Choose the folder of images to segment");
if (output == "") output = getDirectory("Choose the folder for the results");

options = "input=[" + input + "] file=[" + filter + "] output=[" + output + "] model=[" + model + "]"
	+ " channel=" + channel + " threshold=" + threshold + " seed=0.7 diameter=" + diameter
	+ " minimum=20 maximum=0 tile=0 views=" + views;
if (overwrite == "true") options = options + " overwrite";
setBatchMode(true);
run("Batch Segment Nuclei", options);
setBatchMode(false);

// key=value (values with spaces in [brackets]) from the macro argument, or the default
function value(text, key, fallback) {
	v = call("ij.Macro.getValue", text, key, "");
	if (v == "") return fallback;
	return v;
}
