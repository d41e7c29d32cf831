#!/bin/sh
# One Adam training step of a small U-Net (depth 3, width 16, 1 -> 3 classes, batch 8x1x128x128):
# PyTorch (Debian's python3-torch, 2 threads) against ours (TrainingStepBenchmark, 2 threads), measured
# back-to-back in alternating rounds so both see the same background load; prints the medians and the ratio.
# Usage: scripts/bench-training.sh [rounds=3] [threads=2]
set -e
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
THREADS=${2:-2}
PY=/usr/bin/python3
if ! "$PY" -c 'import torch' 2>/dev/null; then
  echo "installing python3-torch with apt-get" >&2
  apt-get install -y python3-torch >/dev/null || { apt-get update >/dev/null && apt-get install -y python3-torch >/dev/null; }
fi
mvn -o -q -DskipTests package
CP="target/classes:target/test-classes:target/dependency/*"
OUT=$(mktemp -d)
echo "machine: $(nproc) processors, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
r=1
while [ "$r" -le "$ROUNDS" ]; do
  echo "--- round $r (load $(cut -d' ' -f1-3 /proc/loadavg))"
  "$PY" scripts/bench_training_torch.py threads="$THREADS" | tee "$OUT/torch-$r.txt"
  java --add-modules jdk.incubator.vector -Xmx8g -Dconvnet.threads="$THREADS" -cp "$CP" \
    sc.fiji.convnet.bench.TrainingStepBenchmark breakdown=$([ "$r" -eq 1 ] && echo true || echo false) 2>/dev/null \
    | tee "$OUT/ours-$r.txt"
  r=$((r + 1))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# medians over the rounds of each round's median
"$PY" - "$OUT" "$ROUNDS" <<'PYEOF'
import re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def results(who):
    rows = []
    for r in range(1, rounds + 1):
        m = re.search(r"RESULT step_ms=([\d.]+) forward_ms=([\d.]+) step_min_ms=([\d.]+) forward_min_ms=([\d.]+)",
                      open(f"{out}/{who}-{r}.txt").read())
        rows.append([float(g) for g in m.groups()])
    return [statistics.median(c) for c in zip(*rows)], [r[0] for r in rows], [min(c) for c in zip(*rows)]
(ts, tf, _, _), tall, tmin = results("torch")
(os_, of, _, _), oall, omin = results("ours")
print(f"torch step median per round (ms): {', '.join(f'{v:.0f}' for v in tall)}")
print(f"ours  step median per round (ms): {', '.join(f'{v:.0f}' for v in oall)}")
print(f"training step, median of round medians: torch {ts:.0f} ms, ours {os_:.0f} ms, ours/torch {os_ / ts:.2f}x")
print(f"training step, fastest single step:     torch {tmin[2]:.0f} ms, ours {omin[2]:.0f} ms, ours/torch {omin[2] / tmin[2]:.2f}x")
print(f"forward (inference), median: torch {tf:.0f} ms, ours {of:.0f} ms, ours/torch {of / tf:.2f}x")
print(f"forward (inference), fastest: torch {tmin[3]:.0f} ms, ours {omin[3]:.0f} ms, ours/torch {omin[3] / tmin[3]:.2f}x")
PYEOF
rm -rf "$OUT"
