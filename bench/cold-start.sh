#!/usr/bin/env bash
# Cold start of each step's `--help` as a JVM jar, side by side: the plain JVM (baseline), C1 only, AppCDS + C1,
# and JDK 25's AOT cache (JEP 483/514) + C1. Run on demand, not in CI:
#   ./mvnw -B -q package -DskipTests && bash bench/cold-start.sh [step ...]
# Needs hyperfine (apt-get install hyperfine). Archives are made in a temp dir, never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25-jdk-*/bin/java 2>/dev/null | head -1)}
RUNS=${RUNS:-20}
steps=("$@")
if [ ${#steps[@]} -eq 0 ]; then
  for jar in steps/*/target/quarkus-app/quarkus-run.jar; do steps+=("$(basename "$(dirname "$(dirname "$(dirname "$jar")")")")"); done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export_dir="$work/json"
mkdir -p "$export_dir"
for step in "${steps[@]}"; do
  jar="steps/$step/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || { echo "no $jar: build it first (./mvnw -B -q package -DskipTests)" >&2; exit 2; }
  # training runs: the archive/cache records the classes --help loads
  "$JAVA17" -XX:ArchiveClassesAtExit="$work/$step.jsa" -XX:TieredStopAtLevel=1 -jar "$jar" --help >/dev/null 2>&1
  cmds=(
    -n "$step jdk17 default" "$JAVA17 -jar $jar --help"
    -n "$step jdk17 C1" "$JAVA17 -XX:TieredStopAtLevel=1 -jar $jar --help"
    -n "$step jdk17 AppCDS+C1" "$JAVA17 -XX:SharedArchiveFile=$work/$step.jsa -XX:TieredStopAtLevel=1 -jar $jar --help"
  )
  if [ -n "$JAVA25" ]; then
    "$JAVA25" -XX:AOTCacheOutput="$work/$step.aot" -XX:TieredStopAtLevel=1 -jar "$jar" --help >/dev/null 2>&1
    cmds+=(
      -n "$step jdk25 default" "$JAVA25 -jar $jar --help"
      -n "$step jdk25 AOTcache+C1" "$JAVA25 -XX:AOTCache=$work/$step.aot -XX:TieredStopAtLevel=1 -jar $jar --help"
    )
  fi
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$export_dir/$step.json" "${cmds[@]}" >/dev/null
  python3 - "$export_dir/$step.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = sorted(r["times"])
    print(f'{r["command"]:<32} median {r["median"]*1000:7.0f} ms   min {t[0]*1000:6.0f}   max {t[-1]*1000:6.0f}')
PY
done
