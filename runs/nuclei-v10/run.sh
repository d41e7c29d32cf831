#!/usr/bin/env bash
# Nuclei v10 (issue #14): a fresh nuclei U-Net (depth 4, width 16, as shipped) trained from scratch on all the
# training data: nuclei-dsb2018 + nuclei-dsb2018-stage1-train, train splits, each set giving half of the crops,
# crops zoomed 0.5-2x from the raw images (--diameter 0, the shipped model's recipe), peak lr 0.002, moving average
# 0.999, 20000 steps (the shipped model had 4000 + 2000 on 42 images), validation every 1000 (one view, raw scale,
# both val splits). Spans sessions: rerun this script to resume from runs/nuclei-v10/nuclei.net.ckpt (atomic, every
# 200 steps). Runs from a private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=runs/nuclei-v10/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/nuclei-v10/run.sh ($(date -u +%FT%TZ))" >> runs/nuclei-v10/training.log
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output runs/nuclei-v10/nuclei.net --depth 4 --width 16 \
  --steps 20000 --lr 0.002 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 52 --resume \
  >> runs/nuclei-v10/training.log 2>&1
