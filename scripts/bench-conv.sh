#!/bin/sh
# Convolution benchmark: our kernels (scalar and vector) against ONNX Runtime, same process, same threads.
# Usage: scripts/bench-conv.sh [threads=2] [warmup=3] [repeat=7] [shapes=1x32x512x512:32,...] [k=3]
set -e
cd "$(dirname "$0")/.."
mvn -o -q test-compile
CP_FILE=target/bench-classpath.txt
[ -f "$CP_FILE" ] && [ "$CP_FILE" -nt pom.xml ] || mvn -o -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
exec java --add-modules jdk.incubator.vector -Xmx8g \
  -cp "target/classes:target/test-classes:$(cat "$CP_FILE")" \
  sc.fiji.convnet.bench.ConvBenchmark "$@"
