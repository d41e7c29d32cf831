#!/usr/bin/env bash
# Nuclei f11 (issue #14): f7's run (runs/nuclei-f7/run.sh: f5's recipe, 4000 steps from f5, seed 66) with 32
# star-convex ray lengths added to the outputs (StarDist): each pixel learns the outline of its own nucleus, so two
# touching nuclei whose distance output has one peak can still be two polygons. f7 is its control.
# Needs the build of commit 9f0779d in target/ (main no longer has --rays). Two threads. Resumable (rerun; checkpoint
# every 200 steps, atomic). Private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=runs/nuclei-f11
cp=$out/.classpath
if [ ! -f "$cp/convnet.jar" ]; then # a resumed run keeps the build it started with
  mkdir -p "$cp"; cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
fi
echo "\$ $out/run.sh ($(date -u +%FT%TZ))" >> $out/training.log
exec nice -n 10 java -Xmx8g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output $out/nuclei.net --init runs/nuclei-f5/final.net --distance --rays 32 \
  --steps 4000 --lr 0.0005 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 66 --resume \
  >> $out/training.log 2>&1
