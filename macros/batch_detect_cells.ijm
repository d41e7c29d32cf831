// Batch blood-cell detection with ConvNet for Fiji.
//
// For every image of the input folder that matches the file filter, writes into the output folder
//   <image>_boxes.csv   one box per line: class,score,x,y,width,height (pixels, top-left corner)
// and counts.csv (objects per class and image: a blood count). Non-images are logged and skipped;
// existing outputs are kept unless overwrite is given.
//
// Interactive: Plugins > Macros > Run..., then choose the folders.
// Headless:    ImageJ -batch batch_detect_cells.ijm "input=/data/in output=/data/out filter=*.jpg model=bccd-detector scales=0.7,0.85,1,1.2,1.4 views=2"

args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
filter = call("ij.Macro.getValue", args, "filter", "*");
model = call("ij.Macro.getValue", args, "model", "bccd-detector");
scales = call("ij.Macro.getValue", args, "scales", "0.7,0.85,1,1.2,1.4");
views = call("ij.Macro.getValue", args, "views", "2");
score = call("ij.Macro.getValue", args, "score", "0.35");
iou = call("ij.Macro.getValue", args, "iou", "0.45");
overwrite = call("ij.Macro.getValue", args, "overwrite", "false");
if (input == "") input = getDirectory("Choose the folder of images");
if (output == "") output = getDirectory("Choose the folder for the box tables");

options = "input=[" + input + "] file=[" + filter + "] output=[" + output + "] model=[" + model + "]"
	+ " scales=[" + scales + "] views=" + views + " score=" + score + " iou=" + iou;
if (overwrite == "true") options = options + " overwrite";
setBatchMode(true);
run("Batch Detect Objects", options);
setBatchMode(false);
