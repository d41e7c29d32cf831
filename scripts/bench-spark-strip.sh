#!/bin/sh
# The 40,000 × 4,000 SyntheticNuclei strip of BENCHMARKS.md (c) as a block job: the one-machine LargeImageSegmenter
# (2 ONNX threads) against the Spark job on local[2] (1 thread per task), same blocks, same Zarr input, in one JVM;
# the label images must be identical.
# Usage: scripts/bench-spark-strip.sh [width=40000] [height=4000] [cores=2] [threads=2] [dir=/tmp/convnet-spark-strip] …
#   (all SparkStripBenchmark's key=value arguments; a quick check: width=8192 height=2048)
# The plugin and its tests jar installed first: mvn -B -DskipTests install (root). HEAP=8g by default: the full strip
# holds its 640 MB float plane while writing the Zarr, the 640 MB one-machine label array, and Spark's blocks.
# Class path as in bench-spark-folders.sh: folder wildcards, or ONNX Runtime's native start crashes on a long one.
set -e
cd "$(dirname "$0")/../spark"
mvn -o -q -DskipTests package
opens=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
tests=$(ls ../target/ConvNet_-*-tests.jar | head -n 1)
exec java --add-modules jdk.incubator.vector -Xmx"${HEAP:-8g}" -Djava.awt.headless=true -Dconvnet.models=../models $opens \
  -cp "target/test-classes:target/classes:$tests:target/lib/*:target/spark-lib/*" sc.fiji.convnet.spark.bench.SparkStripBenchmark "$@"
