#!/bin/bash
cd /work/main
for s in 0.7 0.85 1 1.2 1.4; do
  for v in orig flip; do
    in=/tmp/bval; [ $v = flip ] && in=/tmp/bvalflip
    out=/tmp/pass-$v-$s; rm -rf $out
    CONVNET_JAVA_OPTS="-Xmx6g -Dconvnet.threads=2" bin/convnet detect --input $in --output $out --model bccd-detector --threads 2 --scales $s --views 1 --score 0.05 > $out.log 2>&1
  done
done
touch /tmp/passes.done
