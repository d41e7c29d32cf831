#!/usr/bin/env bash
# Nuclei v9 (issue #14): runs/nuclei-v6's recipe (the shipped model fine-tuned on both DSB sets, each giving half
# of the crops, zoomed 0.5-2x from the raw images, peak lr 0.0005, moving average 0.999) with a boundary class
# 2 px wide inside each nucleus instead of 1 (--boundary 2): seeds of touching nuclei 4 px apart instead of 2.
# 3000 steps, validation every 250 (one view, raw scale, both val splits). Resumable: rerun this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=runs/nuclei-v9/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/nuclei-v9/run.sh ($(date -u +%FT%TZ))" >> runs/nuclei-v9/training.log
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output runs/nuclei-v9/nuclei.net --init models/nuclei/nuclei.net \
  --steps 3000 --lr 0.0005 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 250 --checkpoint-every 100 --seed 50 --boundary 2 --resume \
  >> runs/nuclei-v9/training.log 2>&1
