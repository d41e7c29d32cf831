#!/usr/bin/env bash
# Nuclei f2 (issue #14): fine-tunes the shipped d3 network (runs/nuclei-d3/nuclei.net) for 4000 more
# steps with d3's recipe (both sets, raw-scale crops zoomed 0.5-2, moving average 0.999) at peak lr 0.0007, seed 64.
# New in f2: a fifth of the crops coarsened 1.5-4x and enlarged back (Augmenter.coarsen). f1 is its control (same seed, without).
# Two threads. Resumable (rerun; checkpoint every 200 steps, atomic). Private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=runs/nuclei-f2
cp=$out/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ $out/run.sh ($(date -u +%FT%TZ))" >> $out/training.log
exec nice -n 10 java -Xmx8g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output $out/nuclei.net --init runs/nuclei-d3/nuclei.net --distance \
  --steps 4000 --lr 0.0007 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 64 --resume \
  >> $out/training.log 2>&1
