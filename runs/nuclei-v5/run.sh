#!/usr/bin/env bash
# Nuclei v5 (issue #14): the shipped nuclei U-Net (models/nuclei/nuclei.net) fine-tuned on all the training data
# (nuclei-dsb2018 + nuclei-dsb2018-stage1-train, train splits, each set giving half of the crops) with the pixels
# where nuclei touch weighted 5x (--contact-weight 4): the shipped model's remaining errors on val are mostly merged
# neighbours. Otherwise runs/nuclei-v4's recipe (crops zoomed 0.5-2x from the raw images, --diameter 0, peak lr
# 0.0005, moving average 0.999). 3000 steps, validation every 250 (one view, raw scale, both val splits).
# Resumable: rerun this script (checkpoint runs/nuclei-v5/nuclei.net.ckpt, atomic, every 100 steps).
# Runs from a private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=runs/nuclei-v5/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/nuclei-v5/run.sh ($(date -u +%FT%TZ))" >> runs/nuclei-v5/training.log
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output runs/nuclei-v5/nuclei.net --init models/nuclei/nuclei.net \
  --steps 3000 --lr 0.0005 --ema 0.999 --contact-weight 4 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 250 --checkpoint-every 100 --seed 46 --resume \
  >> runs/nuclei-v5/training.log 2>&1
