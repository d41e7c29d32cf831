#!/usr/bin/env bash
# Nuclei c1 (issue #14): fine-tunes the shipped d3 network (runs/nuclei-d3/nuclei.net) for 4000 more steps with
# d3's recipe (both sets, raw-scale crops zoomed 0.5-2, moving average 0.999) at peak lr 0.0007, seed 64, and the
# class loss weighted 5x between touching nuclei (--contact-weight 5). f1 is its control: the same crops without the weight.
# One thread: f1 runs beside it. Resumable (rerun; checkpoint every 200 steps, atomic). Private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=runs/nuclei-c1
cp=$out/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ $out/run.sh ($(date -u +%FT%TZ))" >> $out/training.log
exec nice -n 10 java -Xmx5g -Dconvnet.threads=1 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output $out/nuclei.net --init runs/nuclei-d3/nuclei.net --distance --contact-weight 5 \
  --steps 4000 --lr 0.0007 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 1000 --checkpoint-every 200 --seed 64 --resume \
  >> $out/training.log 2>&1
