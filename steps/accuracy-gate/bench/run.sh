#!/usr/bin/env bash
# Benchmark of issue 8: 1,000,000 labelled predictions from a file, target < 5 s and < 256 MB heap.
# Run from the repository root after `./mvnw -B -o -q -f steps/accuracy-gate/pom.xml package -DskipTests`:
#   steps/accuracy-gate/bench/run.sh [ROWS]
# The heap is capped with -Xmx256m (HEAP=64m to try less) (a run that needed more would die with OutOfMemoryError); GC logging reports
# the heap actually used. Data go to steps/accuracy-gate/target/bench (not committed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rows=${1:-1000000}
work="$here/../target/bench"
jar="$here/../target/quarkus-app/quarkus-run.jar"
data="$work/predictions-$rows.csv"
mkdir -p "$work"
[ -f "$data" ] || /usr/bin/python3 "$here/generate.py" "$data" "$rows"
echo "data: $data ($(du -h "$data" | cut -f1))"
TIMEFORMAT='%R s wall, %U s user CPU'
echo "accuracy-gate (JVM start included), heap capped at ${HEAP:-256m}:"
time java -Xmx"${HEAP:-256m}" -Xlog:gc:file="$work/gc.log" -jar "$jar" --data "$data" --label-column label \
  --prediction-column prediction --score-column score --positive-label 1 \
  --threshold "recall >= 0.1 && f1 > trivial.f1" --output-dir "$work/out"
grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$work/gc.log" | awk -F'[->(M]+' '{ if ($1 > peak) peak = $1; if ($2 > live) live = $2 }
  END { print "heap: at most " peak " MB before a GC, " live " MB live after one" }'
echo "scikit-learn on the same file:"
time /usr/bin/python3 "$here/sklearn_bench.py" "$data"
