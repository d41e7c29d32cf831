#!/usr/bin/env bash
# Issue #15's little-data check for detection: a "new stain" the shipped detector fails on (channels permuted
# B,R,G and a 1-px blur), 5 annotated training images of it, 10 minutes of fine-tuning with the defaults on 2 cores,
# then val mAP@0.5 (det_map.py) before and after, in the new stain and on the original val images (forgetting).
set -euo pipefail
cd "$(dirname "$0")/../.."
d=/tmp/ftdet
rm -rf "$d"; /usr/bin/python3 runs/finetune-detector-stain/make_data.py "$d"
export CONVNET_JAVA_OPTS="-Xmx8g -Dconvnet.threads=2"
model=runs/finetune-detector-stain/model
[ -e "$model/model.onnx" ] || bin/convnet train-detector --images "$d/train-images" --annotations "$d/train-annotations" \
  --minutes 10 --output "$model"
for m in bccd-detector "$model"; do
  for set in images original; do
    rm -rf "$d/out"; bin/convnet detect --input "$d/val-$set" --output "$d/out" --model "$m" > /dev/null
    echo "== $(basename "$m") on val-$set: $(/usr/bin/python3 ../shared/tools/det_map.py "$d/val-annotations" "$d/out" | tail -4 | tr '\n' ' ')"
  done
done
