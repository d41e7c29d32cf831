#!/bin/sh
# The folder job on Spark local[1] and local[2] against bin/convnet segment on the same folder, in one JVM.
# Usage: scripts/bench-spark-folders.sh IMAGE_FOLDER [rounds=3] [work=/tmp/convnet-spark-bench]
# (the plugin installed first: mvn -B -DskipTests install)
set -e
cd "$(dirname "$0")/../spark"
mvn -o -q test-compile
CP_FILE=target/bench-classpath.txt
[ -f "$CP_FILE" ] && [ "$CP_FILE" -nt pom.xml ] || mvn -o -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
opens=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' pom.xml)
exec java --add-modules jdk.incubator.vector -Xmx6g -Djava.awt.headless=true -Dconvnet.models=../models $opens \
  -cp "target/classes:target/test-classes:$(cat "$CP_FILE")" sc.fiji.convnet.spark.bench.SparkFolderBenchmark "$@"
