#!/usr/bin/env bash
# Nuclei v6 (issue #14): the control of runs/nuclei-v5 without the contact weights: the shipped nuclei U-Net
# fine-tuned on both DSB sets' train splits, each set giving half of the crops; runs/nuclei-v4's recipe otherwise
# (crops zoomed 0.5-2x from the raw images, --diameter 0, peak lr 0.0005, moving average 0.999). 3000 steps,
# validation every 250 (one view, raw scale, both val splits). Resumable: rerun this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=runs/nuclei-v6/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/nuclei-v6/run.sh ($(date -u +%FT%TZ))" >> runs/nuclei-v6/training.log
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output runs/nuclei-v6/nuclei.net --init models/nuclei/nuclei.net \
  --steps 3000 --lr 0.0005 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 250 --checkpoint-every 100 --seed 47 --resume \
  >> runs/nuclei-v6/training.log 2>&1
