#!/usr/bin/env bash
# Nuclei model v3: both DSB sets, crops zoomed to a 17.6 px diameter (60 %) or over 0.25–4× (40 %),
# fine-tuned from the v2 shipped network. Resumable: rerun this script in a later session.
# It runs from a private copy of the build, so that rebuilding the project meanwhile cannot disturb it.
set -euo pipefail
cd "$(dirname "$0")/../.."
cp=runs/nuclei-v3/.classpath
rm -rf "$cp"; mkdir -p "$cp"
cp target/ConvNet_-*-SNAPSHOT.jar "$cp/convnet.jar"; cp -r target/dependency "$cp/"
exec nice -n 10 java -Xmx10g -Dconvnet.threads=2 --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  -cp "$cp/convnet.jar:$cp/dependency/*" sc.fiji.convnet.cli.ConvNetCli train-nuclei \
  --data ../shared/data/nuclei-dsb2018,../shared/data/nuclei-dsb2018-stage1-train \
  --output runs/nuclei-v3/nuclei.net --init models/nuclei/nuclei.net \
  --steps 8000 --lr 0.001 --eval-every 500 --checkpoint-every 100 --seed 44 --resume \
  >> runs/nuclei-v3/training.log 2>&1
