#!/usr/bin/env bash
# Nuclei f10 (issue #14): f7's run (runs/nuclei-f7/run.sh: f5's recipe, 4000 steps from f5, seed 66) with crops of
# 256 px in batches of 2 instead of 128 px in batches of 8 (the same pixels a step): dense fields seen with more of
# their surroundings, as the segmenter sees whole images. f7 is its control.
# Two threads. Resumable (rerun; checkpoint every 200 steps, atomic). Private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=runs/nuclei-f10
cp=$out/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ $out/run.sh ($(date -u +%FT%TZ))" >> $out/training.log
exec nice -n 10 java -Xmx8g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output $out/nuclei.net --init runs/nuclei-f5/final.net --distance \
  --crop 256 --batch 2 --steps 4000 --lr 0.0005 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 66 --resume \
  >> $out/training.log 2>&1
