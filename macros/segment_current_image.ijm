// Segments the nuclei of the current image with ConvNet for Fiji and saves the label image,
// the ROI set and the measurements next to each other in a folder you choose.
//
// Headless: ImageJ -batch segment_current_image.ijm "image=/data/cells.tif output=/data/out model=nuclei"

args = getArgument();
image = call("ij.Macro.getValue", args, "image", "");
output = call("ij.Macro.getValue", args, "output", "");
model = call("ij.Macro.getValue", args, "model", "nuclei");
setBatchMode(true);
if (image != "") open(image);
if (nImages == 0) exit("Segment current image: open an image first");
if (output == "") output = getDirectory("Choose the folder for the results");
input = getImageID();
name = File.getNameWithoutExtension(getTitle());

run("Segment Nuclei", "model=[" + model + "] channel=1 threshold=0.7 seed=0.7 diameter=0 minimum=20 maximum=0 tile=0 views=4 add display");
// the command leaves the label image active and the table named <image>_objects
saveAs("Tiff", output + File.separator + name + "_labels.tif");
roiManager("Save", output + File.separator + name + "_rois.zip");
Table.save(output + File.separator + name + "_measurements.csv", name + "_objects");
print("Segment current image: " + roiManager("count") + " ROIs in the ROI Manager");
