#!/bin/bash
# usage: deteval.sh MODEL OUT [detect options...]
model=$1; out=$2; shift 2
cd /work/main
rm -rf "$out"; CONVNET_JAVA_OPTS="-Xmx6g -Dconvnet.threads=2" bin/convnet detect --input /tmp/bval --output "$out" --model "$model" --threads 2 "$@" > "$out.log" 2>&1 || { tail -5 "$out.log"; exit 1; }
/usr/bin/python3 /work/shared/tools/det_map.py /tmp/bann "$out" | tail -4
/usr/bin/python3 /tmp/counts.py /tmp/bann "$out"
