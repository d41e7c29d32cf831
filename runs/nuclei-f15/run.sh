#!/usr/bin/env bash
# Nuclei f15 (issue #14): f14 with a milder contact weight (--contact-weight 3 instead of 10); f7 is the control (same seed, same crops).
# Two threads. Resumable (rerun; checkpoint every 200 steps, atomic). Private copy of the build, which must be that of commit 1a068cf (main no longer has --contact-weight).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=runs/nuclei-f15
cp=$out/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ $out/run.sh ($(date -u +%FT%TZ))" >> $out/training.log
exec nice -n 10 java -Xmx8g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output $out/nuclei.net --init runs/nuclei-f5/final.net --distance --contact-weight 3 \
  --steps 4000 --lr 0.0005 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 66 --resume \
  >> $out/training.log 2>&1
