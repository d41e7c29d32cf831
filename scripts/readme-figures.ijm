// Makes the README's pictures of results with the plugin's own commands (run by scripts/readme-figures.sh).
// Argument: "root=/path/to/project out=/path/to/docs/images"
args = getArgument();
root = call("ij.Macro.getValue", args, "root", "");
out = call("ij.Macro.getValue", args, "out", "");
if (root == "" || out == "") exit("readme-figures: root= and out= are needed");
root = root + File.separator;
out = out + File.separator;
setBatchMode(true);

// 1. Segment Nuclei: the input with the outlines (overlay flattened) beside the label image (its LUT)
open(root + "samples/nuclei_fluo_8bit_crop.tif");
input = getImageID();
run("Segment Nuclei", "model=nuclei channel=1 threshold=0.60 seed=0.70 diameter=0 minimum=20 maximum=0 tile=0 views=4");
labels = getImageID();
selectImage(input);
run("Flatten");
rename("outlines");
selectImage(labels);
run("RGB Color");
rename("labels");
run("Combine...", "stack1=outlines stack2=labels");
saveAs("PNG", out + "segment-nuclei.png");
print("segment-nuclei.png " + getWidth() + "x" + getHeight());
run("Close All");

// 2. Detect Objects: boxes labelled with class and score on a BCCD image (overlay flattened)
bccd = root + "samples/blood/BloodImage_00000.jpg";
open(bccd);
run("Detect Objects", "model=bccd-detector decoder=[from model] scales=[0.7,0.85,1,1.2,1.4] views=2 score=0.35 iou=0.45");
run("Flatten");
smaller(480);
saveAs("PNG", out + "detect-objects.png");
print("detect-objects.png " + getWidth() + "x" + getHeight());
run("Close All");

// 3. Grad-CAM of the shipped bccd-classifier for the class WBC on the whole image (heat map overlay flattened)
open(bccd);
image = getImageID();
run("Grad-CAM", "classifier=bccd-classifier layer=[] target=WBC opacity=0.5 normalization=0-1");
selectImage(image);
run("Flatten");
smaller(480);
saveAs("PNG", out + "grad-cam.png");
print("grad-cam.png " + getWidth() + "x" + getHeight());
run("Close All");

// 4. The Gabor filter bank (Fig. 10.11) with the README's settings
open(root + "samples/nuclei_fluo_8bit_crop.tif");
run("Gabor Filter Bank", "orientations=8 frequencies=[0.785, 1.571] phase=0 alpha=0.050 beta=0.050 size=15 show");
found = false;
for (i = 1; i <= nImages; i++) {
	selectImage(i);
	if (startsWith(getTitle(), "Gabor bank")) { found = true; break; }
}
if (!found) exit("readme-figures: no Gabor bank picture");
if (bitDepth() != 24) run("RGB Color");
saveAs("PNG", out + "gabor-bank.png");
print("gabor-bank.png " + getWidth() + "x" + getHeight());
run("Close All");

// 5. Style Transfer with the defaults: the nuclei sample in the style of the blood smear (content | style | result)
open(root + "samples/blood/BloodImage_00000.jpg");
rename("smear");
open(root + "samples/nuclei_fluo_8bit_crop.tif");
rename("nuclei");
h = getHeight();
run("Style Transfer", "style=smear network=bccd-classifier content=[] gram=[] alpha=1 beta=100000 smoothness=10 iterations=200 learning=0.02 normalization=0-1");
rename("styled");
selectImage("nuclei");
run("RGB Color");
selectImage("smear");
run("Scale...", "x=- y=- width=" + round(getWidth() * h / getHeight()) + " height=" + h + " interpolation=Bilinear average create");
rename("smear small");
run("Combine...", "stack1=nuclei stack2=[smear small]");
rename("pair");
run("Combine...", "stack1=pair stack2=styled");
saveAs("PNG", out + "style-transfer.png");
print("style-transfer.png " + getWidth() + "x" + getHeight());
run("Close All");

print("readme-figures: done");

// scales the current RGB image to the given width and reduces it to 256 colours (small PNG of a photograph)
function smaller(width) {
	id = getImageID();
	h = round(getHeight() * width / getWidth());
	run("Scale...", "x=- y=- width=" + width + " height=" + h + " interpolation=Bicubic average create");
	scaled = getImageID();
	selectImage(id);
	close();
	selectImage(scaled);
	run("8-bit Color", "number=256");
}
