#!/usr/bin/env bash
# Nuclei d2 (issue #14): d1's last network (runs/nuclei-d1/final.net: the moving average at step 3000, written by
# bench/CheckpointNetwork; three classes + distance) fine-tuned at the scale the default pipeline segments at: crops
# zoomed from each image's own median nucleus size, 60 % to within 0.7-1.4x of the 17.6-px trained diameter, the rest
# over 0.25-4x; nuclei-dsb2018 + nuclei-dsb2018-stage1-train train splits, each set half of the crops; peak lr 0.0003,
# moving average 0.999, 3000 steps, validation every 500 (one view, each image at its true size, distance decoding).
# Resumes from runs/nuclei-d2/nuclei.net.ckpt (atomic, every 200 steps) when rerun. Runs from a private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=runs/nuclei-d2
cp=$out/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/nuclei-d2/run.sh ($(date -u +%FT%TZ))" >> $out/training.log
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output $out/nuclei.net --init runs/nuclei-d1/final.net --distance \
  --steps 3000 --lr 0.0003 --ema 0.999 --diameter 17.6 --eval-every 500 --checkpoint-every 200 --seed 62 --resume \
  >> $out/training.log 2>&1
