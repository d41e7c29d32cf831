import csv, os, sys, subprocess, numpy as np
def load(d, n):
    p = os.path.join(d, n + "_boxes.csv")
    return [(r["class"].strip(), float(r["score"]), *map(float, (r["x"], r["y"], r["width"], r["height"]))) for r in csv.DictReader(open(p))] if os.path.exists(p) else []
def iou(a, b):
    ax2, ay2, bx2, by2 = a[2]+a[4], a[3]+a[5], b[2]+b[4], b[3]+b[5]
    w = min(ax2, bx2) - max(a[2], b[2]); h = min(ay2, by2) - max(a[3], b[3])
    if w <= 0 or h <= 0: return 0
    i = w*h; return i / (a[4]*a[5] + b[4]*b[5] - i)
def nms(boxes, t):
    boxes = sorted(boxes, key=lambda b: -b[1]); kept = []
    for b in boxes:
        if all(k[0] != b[0] or iou(k, b) <= t for k in kept): kept.append(b)
    return kept
def avg(lists, t):
    # every box of every model; score = mean over models of the best-matching same-class box (0 when none)
    out = []
    for i, L in enumerate(lists):
        for b in L:
            s = b[1]
            for j, M in enumerate(lists):
                if j == i: continue
                best = max([m[1] for m in M if m[0] == b[0] and iou(m, b) > 0.55] or [0])
                s += best
            out.append((b[0], s / len(lists), *b[2:]))
    return nms(out, t)
if __name__ == "__main__":
    mode, score, out, dirs = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4:]
    os.makedirs(out, exist_ok=True)
    names = [f[:-10] for f in os.listdir(dirs[0]) if f.endswith("_boxes.csv")]
    for n in names:
        lists = [load(d, n) for d in dirs]
        res = nms(sum(lists, []), 0.45) if mode == "pool" else avg(lists, 0.45)
        with open(os.path.join(out, n + "_boxes.csv"), "w") as f:
            f.write("class,score,x,y,width,height\n")
            for b in res:
                if b[1] >= score: f.write("%s,%f,%f,%f,%f,%f\n" % b)
