#!/usr/bin/env bash
# Nuclei v4 (issue #14): a third cycle for the shipped nuclei U-Net (models/nuclei/nuclei.net) on all the training
# data (nuclei-dsb2018 + nuclei-dsb2018-stage1-train, train splits; best by the mean val AP@0.5 of both val splits),
# with the moving average of the weights scored and kept (--ema 0.999). Differences from runs/nuclei-v3 (which lost
# AP on nuclei-dsb2018 val through the default pipeline): the shipped model's own recipe (crops zoomed 0.5-2x from
# the raw images, --diameter 0, which the automatic diameter was tuned with) at half v3's learning rate. 2500
# steps, validation every 250. Resumable: rerun this script (checkpoint runs/nuclei-v4/nuclei.net.ckpt, atomic, every 100 steps,
# with the average). Runs from a private copy of the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=runs/nuclei-v4/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
echo "\$ runs/nuclei-v4/run.sh ($(date -u +%FT%TZ))" >> runs/nuclei-v4/training.log
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output runs/nuclei-v4/nuclei.net --init models/nuclei/nuclei.net \
  --steps 2500 --lr 0.0005 --ema 0.999 --diameter 0 --min-scale 0.5 --max-scale 2.0 --eval-every 250 --checkpoint-every 100 --seed 45 --resume \
  >> runs/nuclei-v4/training.log 2>&1
