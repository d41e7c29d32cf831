import csv, os, sys
sys.path.insert(0, '/tmp')
from ens import load, iou, nms
W = 640
def flipback(b):
    return (b[0], b[1], W - b[2] - b[4], b[3], b[4], b[5])
def passes(n):
    out = []
    for s in ["0.7", "0.85", "1", "1.2", "1.4"]:
        out.append(load(f"/tmp/pass-orig-{s}", n))
        out.append([flipback(b) for b in load(f"/tmp/pass-flip-{s}", n)])
    return out
def vote(lists, match, power):
    res = []
    for i, L in enumerate(lists):
        for b in L:
            tot = 0.0
            for j, M in enumerate(lists):
                if j == i: tot += b[1]; continue
                tot += max([m[1] for m in M if m[0] == b[0] and iou(m, b) > match] or [0])
            avg = tot / len(lists)
            res.append((b[0], (avg ** power) * (b[1] ** (1 - power)), *b[2:]))
    return res
mode, score, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
match = float(sys.argv[4]) if len(sys.argv) > 4 else 0.5
power = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
os.makedirs(out, exist_ok=True)
names = [f[:-10] for f in os.listdir("/tmp/pass-orig-1") if f.endswith("_boxes.csv")]
for n in names:
    lists = passes(n)
    boxes = sum(lists, []) if mode == "pool" else vote(lists, match, power)
    kept = nms(boxes, 0.45)
    with open(os.path.join(out, n + "_boxes.csv"), "w") as f:
        f.write("class,score,x,y,width,height\n")
        for b in kept:
            if b[1] >= score: f.write("%s,%f,%f,%f,%f,%f\n" % b)
