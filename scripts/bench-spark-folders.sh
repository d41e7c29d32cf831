#!/bin/sh
# The folder job on Spark local[1] and local[2] against bin/convnet segment on the same folder, in one JVM.
# Usage: scripts/bench-spark-folders.sh IMAGE_FOLDER [rounds=3] [work=/tmp/convnet-spark-bench]
# (the plugin installed first: mvn -B -DskipTests install). The class path uses folder wildcards: spelled out jar by
# jar it grows past ~3.9 KB, and then ONNX Runtime's native start crashes the JVM (SIGSEGV, no hs_err file).
set -e
cd "$(dirname "$0")/../spark"
mvn -o -q -DskipTests package
opens=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
exec java --add-modules jdk.incubator.vector -Xmx6g -Djava.awt.headless=true -Dconvnet.models=../models $opens \
  -cp "target/test-classes:target/classes:target/lib/*:target/spark-lib/*" sc.fiji.convnet.spark.bench.SparkFolderBenchmark "$@"
