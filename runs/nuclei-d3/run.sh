#!/usr/bin/env bash
# Nuclei d3 (issue #14): a fresh nuclei U-Net (depth 4, width 16) with the distance output from the start
# (train-nuclei --distance), trained from scratch on nuclei-dsb2018 + nuclei-dsb2018-stage1-train train splits, each
# set half of the crops, raw-scale crops zoomed 0.5-2 (the shipped model's recipe), peak lr 0.002, moving average
# 0.999, 20000 steps, validation every 1000 (one view, raw scale, both val splits, the default distance decoding).
# Spans sessions: rerun this script to resume from runs/nuclei-d3/nuclei.net.ckpt (atomic, every 200 steps). The
# checkpoint is COMMITTED at each session's end (a fresh checkout has nothing else). Runs from a private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=runs/nuclei-d3
cp=$out/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/nuclei-d3/run.sh ($(date -u +%FT%TZ))" >> $out/training.log
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output $out/nuclei.net --depth 4 --width 16 --distance \
  --steps 20000 --lr 0.002 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 63 --resume \
  >> $out/training.log 2>&1
