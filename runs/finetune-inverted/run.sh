#!/usr/bin/env bash
# Issue #15's little-data check: a "new microscope" the shipped model handles worst (inverted contrast, dark nuclei
# on a bright background, and a 1-px blur: what a brightfield-like or inverted-LUT export gives), 5 annotated
# training images of it, 10 minutes of fine-tuning on 2 cores, then val AP@0.5 before and after on the val splits
# in that microscope and in the original one (forgetting). Data are made by make_data.py from the train/val splits.
set -euo pipefail
cd "$(dirname "$0")/../.."
d=/tmp/ft
/usr/bin/python3 runs/finetune-inverted/make_data.py "$d"
export CONVNET_JAVA_OPTS="-Xmx8g -Dconvnet.threads=2"
model=${MODEL:-runs/finetune-inverted/model}
[ -e "$model/model.onnx" ] || bin/convnet train-segmentation --images "$d/train-images" --labels "$d/train-labels" \
  --minutes 10 --output "$model" --threads 2
score() { # model, images, labels, name
  rm -rf "$d/out-$4"
  bin/convnet segment --input "$2" --output "$d/out-$4" --model "$1" --views 1 --threads 2 > /dev/null
  echo "== $4"; bin/convnet evaluate-segmentation --truth "$3" --prediction "$d/out-$4" | grep -E "^ *0\.50|IoU" | head -2
}
for m in ${BASELINE:-nuclei} "$model"; do
  [ "$m" = none ] && continue
  tag=$(basename "$m")
  for set in dsb stage1; do
    score "$m" "$d/val-$set-inv" "$d/val-$set-labels" "$tag-$set-inverted"
    score "$m" "$d/val-$set-orig" "$d/val-$set-labels" "$tag-$set-original"
  done
done
