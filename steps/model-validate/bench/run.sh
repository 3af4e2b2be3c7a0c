#!/usr/bin/env bash
# Benchmark of issue 7: model-validate's load client against an instant local v2 endpoint, target >= 10,000
# requests/s at concurrency 32, measured beside wrk (Debian package wrk) on the same endpoint in the same run.
# Run from the repository root after `./mvnw -B -o -q -f steps/model-validate/pom.xml package -DskipTests`:
#   steps/model-validate/bench/run.sh [SECONDS] [CONCURRENCY]
# Output goes to steps/model-validate/target/bench (not committed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-10}
concurrency=${2:-32}
work="$here/../target/bench"
jar="$here/../target/quarkus-app/quarkus-run.jar"
mkdir -p "$work"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

java "$here/InstantEndpoint.java" > "$work/endpoint.out" &
endpoint=$!
trap 'kill $endpoint 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q LISTENING "$work/endpoint.out" 2>/dev/null && break; sleep 0.1; done
port=$(awk '/LISTENING/ {print $2}' "$work/endpoint.out")
url="http://127.0.0.1:$port"
echo "instant v2 endpoint at $url; ${seconds}s at concurrency $concurrency on $(nproc) CPU(s)"

# warm-up of the endpoint's JIT, so that neither measured client pays for it
wrk -t2 -c"$concurrency" -d3s -s "$here/post.lua" "$url/v2/models/bench/infer" > /dev/null

java -jar "$jar" --url "$url" --model-name bench --protocol v2 --load-duration "${seconds}s" \
  --concurrency "$concurrency" --report-dir "$work" 2> "$work/model-validate.log" || true
/usr/bin/python3 - "$work/summary.json" <<'PY'
import json, sys
load = json.load(open(sys.argv[1]))["figures"]["load"]
l = load["latencyMs"]
print("model-validate: %.0f req/s, %d requests, p50 %.3f ms, p99 %.3f ms, error rate %s, status %s" % (
    load["throughputPerSecond"], load["requests"], l["p50"], l["p99"], load["errorRate"], load["statusCodes"]))
PY

wrk -t2 -c"$concurrency" -d"${seconds}s" --latency -s "$here/post.lua" "$url/v2/models/bench/infer" > "$work/wrk.txt"
awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /requests in/ {n=$1}
  END {printf "wrk:            %d req/s, %d requests, p50 %s, p99 %s\n", rps, n, p50, p99}' "$work/wrk.txt"

# the JDK HttpClient (StepHttp's engine) in the same closed loop: why the load has its own client
java "$here/JdkHttpClientLoad.java" "$url/v2/models/bench/infer" "$seconds" "$concurrency"
