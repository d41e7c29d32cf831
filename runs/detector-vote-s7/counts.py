import csv, sys, os, xml.etree.ElementTree as ET
ann, pred = sys.argv[1], sys.argv[2]
classes = ["Platelets", "RBC", "WBC"]
err = {c: [] for c in classes}
for f in sorted(os.listdir(ann)):
    n = f[:-4]
    gt = {c: 0 for c in classes}
    for o in ET.parse(os.path.join(ann, f)).getroot().iter("object"):
        gt[o.find("name").text.strip()] += 1
    p = {c: 0 for c in classes}
    path = os.path.join(pred, n + "_boxes.csv")
    if os.path.exists(path):
        for row in csv.DictReader(open(path)):
            p[row["class"].strip()] += 1
    for c in classes: err[c].append(abs(p[c] - gt[c]))
print("counts: " + "  ".join(f"{c} MAE {sum(v)/len(v):.2f}" for c, v in err.items()))
