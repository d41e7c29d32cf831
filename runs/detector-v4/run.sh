#!/usr/bin/env bash
# BCCD detector v4 (issue #17): the centre design from scratch as v2, but 20 channels in the first layer (v2: 16;
# 1.56x the arithmetic, still under 1 s per image at the defaults) and the moving average of the weights
# (--ema 0.999) scored and kept, 12000 steps of batch 8 x 256 px crops at peak lr 0.002. Started after the rectifier
# loops got faster (session 6). Resumable: rerun this script, it continues from runs/detector-v4/centre.net.ckpt
# (written atomically every 100 steps, with the average) on the same schedule. Runs from a private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=runs/detector-v4/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/detector-v4/run.sh ($(date -u +%FT%TZ))" >> runs/detector-v4/training.log
exec nice -n 10 java -Xmx6g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-detector --arch centre \
  --data ../shared/data/bccd --output runs/detector-v4/centre.net --width 20 \
  --steps 12000 --lr 0.002 --ema 0.999 --eval-every 500 --checkpoint-every 100 --seed 44 --resume \
  --export runs/detector-v4/model \
  >> runs/detector-v4/training.log 2>&1
