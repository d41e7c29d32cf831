#!/usr/bin/env bash
# Nuclei v8 (issue #14): a third cycle of the shipped model's own recipe: nuclei-dsb2018's train split only, crops
# zoomed 0.5-2x from the raw images (--diameter 0), peak lr 0.0003 (cycle 2: 0.001), moving average 0.999.
# 2000 steps, validation every 250 (one view, raw scale). Resumable: rerun this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=runs/nuclei-v8/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/nuclei-v8/run.sh ($(date -u +%FT%TZ))" >> runs/nuclei-v8/training.log
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018 \
  --output runs/nuclei-v8/nuclei.net --init models/nuclei/nuclei.net \
  --steps 2000 --lr 0.0003 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 250 --checkpoint-every 100 --seed 49 --resume \
  >> runs/nuclei-v8/training.log 2>&1
