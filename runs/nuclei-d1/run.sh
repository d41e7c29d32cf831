#!/usr/bin/env bash
# Nuclei d1 (issue #14): the shipped nuclei U-Net given a fourth output, the normalised distance to the nucleus edge
# (train-nuclei --distance; its centres seed the nuclei), fine-tuned on nuclei-dsb2018 + nuclei-dsb2018-stage1-train
# train splits, each set giving half of the crops, the shipped model's raw-scale crops (zoom 0.5-2), peak lr 0.0005,
# moving average 0.999, 3000 steps, validation every 250 (one view, raw scale, both val splits). Resumes from
# runs/nuclei-d1/nuclei.net.ckpt (atomic, every 200 steps) when rerun. Runs from a private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
steps=${STEPS:-3000}
out=${OUT:-runs/nuclei-d1}
cp=$out/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/nuclei-d1/run.sh ($(date -u +%FT%TZ))" >> $out/training.log
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output $out/nuclei.net --init models/nuclei/second-cycle.net --distance \
  --steps $steps --lr 0.0005 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 250 --checkpoint-every 200 --seed 61 --resume \
  >> $out/training.log 2>&1
