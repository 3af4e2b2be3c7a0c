#!/usr/bin/env bash
# The real TrustyAI service (upstream trustyai-explainability, module explainability-service, a Quarkus app) on
# this machine, for the tests and benchmarks that must not trust stubs alone.
#
#   trustyai-service.sh build               builds it (or reuses the cached build) and prints the quarkus-app dir
#   trustyai-service.sh start DATA_DIR      starts it on a free port of 127.0.0.1, storage in DATA_DIR (PVC mode:
#                                           inference data on disk, survives a restart), waits until ready,
#                                           prints its URL; pid and log in DATA_DIR
#   trustyai-service.sh stop DATA_DIR       stops the one started in DATA_DIR
#
# Where the service comes from (no published artifact exists: org.kie.trustyai is not on Maven Central):
#   TRUSTYAI_APP=DIR      an already built explainability-service/target/quarkus-app: used as is, nothing built
#   TRUSTYAI_SOURCE=DIR   the upstream source: a checkout, or a (bare) git directory, whose HEAD is built
# The build is cached under $TRUSTYAI_CACHE (default ~/.cache/aiops-catalog/trustyai-service), keyed by the
# upstream commit (a git directory or checkout) or by a hash of the module sources (a plain tree). Exit codes: 0 ok,
# 2 usage, 4 the service or its source unavailable.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${TRUSTYAI_CACHE:-$HOME/.cache/aiops-catalog/trustyai-service}
READY_TIMEOUT_S=${TRUSTYAI_READY_TIMEOUT_S:-180}
MODULES=(pom.xml .mvn explainability-core explainability-arrow explainability-connectors explainability-service)

die() { echo "trustyai-service: $2" >&2; exit "$1"; }

# the upstream commit, or a hash of the sources the service build reads
cache_key() {
  local src=$1
  if git --git-dir="$src" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    git --git-dir="$src" rev-parse HEAD
  elif git -C "$src" rev-parse --verify -q HEAD >/dev/null 2>&1 && [ -z "$(git -C "$src" status --porcelain)" ]; then
    git -C "$src" rev-parse HEAD
  else
    (cd "$src" && find pom.xml explainability-*/pom.xml explainability-*/src/main -type f 2>/dev/null | LC_ALL=C sort \
      | xargs sha256sum | sha256sum | cut -c1-40 | sed 's/^/tree-/')
  fi
}

# a copy of the sources the build needs, without tests and demos: a partial clone (as GitHub mirrors give) lacks
# some large test files, which `git archive` then complains of (and exits non-zero) though it writes every other
# file; the count of files written is checked instead
export_source() {
  local src=$1 dest=$2
  mkdir -p "$dest"
  if git --git-dir="$src" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    local skip=(':(exclude)*/src/test/*' ':(exclude)*/demo/*')
    (git --git-dir="$src" archive HEAD -- "${MODULES[@]}" "${skip[@]}" 2>"$dest.archive.log" || true) | tar -x -C "$dest"
    local want got
    want=$(git --git-dir="$src" ls-tree -r --name-only HEAD -- "${MODULES[@]}" | grep -c -v -e '/src/test/' -e '/demo/')
    got=$(find "$dest" -type f | wc -l)
    [ "$want" = "$got" ] || die 4 "exported $got of $want source files from $src: see $dest.archive.log"
  else
    for m in "${MODULES[@]}"; do
      [ -e "$src/$m" ] && cp -r "$src/$m" "$dest/"
    done
    find "$dest" -name target -type d -prune -exec rm -rf {} +
  fi
}

build() {
  if [ -n "${TRUSTYAI_APP:-}" ]; then
    [ -f "$TRUSTYAI_APP/quarkus-run.jar" ] || die 2 "TRUSTYAI_APP=$TRUSTYAI_APP holds no quarkus-run.jar: point it at explainability-service/target/quarkus-app"
    echo "$TRUSTYAI_APP"
    return
  fi
  local src=${TRUSTYAI_SOURCE:-}
  [ -n "$src" ] || die 4 "no TrustyAI service: set TRUSTYAI_SOURCE to the trustyai-explainability source (a checkout or git directory of github.com/trustyai-explainability/trustyai-explainability) or TRUSTYAI_APP to a built quarkus-app"
  [ -d "$src" ] || die 4 "TRUSTYAI_SOURCE=$src is not a directory"
  local key
  key=$(cache_key "$src")
  local dir=$CACHE/$key
  if [ -f "$dir/quarkus-app/quarkus-run.jar" ]; then
    echo "trustyai-service: reusing the build of $key in $dir" >&2
    echo "$dir/quarkus-app"
    return
  fi
  echo "trustyai-service: building explainability-service at $key in $dir (a few minutes, once)" >&2
  rm -rf "$dir/src" && mkdir -p "$dir"
  export_source "$src" "$dir/src"
  local started=$SECONDS
  # tests skipped (and not compiled: their resources are what a partial clone lacks); only Maven Central is needed
  if ! "$ROOT/mvnw" -B -q -f "$dir/src/pom.xml" -pl explainability-service -am package -Dmaven.test.skip=true \
      -Dformatter.skip -Dimpsort.skip -Denforcer.skip >"$dir/build.log" 2>&1; then
    tail -30 "$dir/build.log" >&2
    die 4 "the build of $key failed; full log: $dir/build.log"
  fi
  rm -rf "$dir/quarkus-app"
  mv "$dir/src/explainability-service/target/quarkus-app" "$dir/quarkus-app"
  echo "trustyai-explainability $key, built $(date -u +%FT%TZ) in $((SECONDS - started)) s" >"$dir/BUILD_INFO"
  rm -rf "$dir/src" "$dir/src.archive.log"
  echo "trustyai-service: built in $((SECONDS - started)) s" >&2
  echo "$dir/quarkus-app"
}

start() {
  local data=${1:?usage: trustyai-service.sh start DATA_DIR}
  local app
  app=$(build)
  mkdir -p "$data/inputs"
  data=$(cd "$data" && pwd)
  if [ -f "$data/service.pid" ] && kill -0 "$(cat "$data/service.pid")" 2>/dev/null; then
    die 2 "a service already runs from $data (pid $(cat "$data/service.pid")): stop it first"
  fi
  : >"$data/service.log"
  # the storage the operator gives a PVC deployment: CSV files in /inputs (here DATA_DIR/inputs); metrics computed
  # every SERVICE_METRICS_SCHEDULE. Port 0: Quarkus binds a free port and logs it. No TLS (the operator mounts
  # /etc/tls/internal for that) and no termination log in /dev.
  SERVICE_STORAGE_FORMAT=PVC STORAGE_DATA_FOLDER="$data/inputs" STORAGE_DATA_FILENAME=data.csv \
    SERVICE_DATA_FORMAT=CSV SERVICE_METRICS_SCHEDULE=${TRUSTYAI_METRICS_SCHEDULE:-5s} \
    SERVICE_BATCH_SIZE=${TRUSTYAI_BATCH_SIZE:-5000} \
    setsid java ${TRUSTYAI_JAVA_OPTS:--Xmx1g} \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=0 -Dquarkus.http.ssl-port=0 \
      -Dquarkus.http.ssl.certificate.files= -Dquarkus.http.ssl.certificate.key-files= \
      -Dquarkus.log.handler.file.termination-log.path="$data/termination-log" \
      -jar "$app/quarkus-run.jar" >>"$data/service.log" 2>&1 </dev/null &
  echo $! >"$data/service.pid"
  local deadline=$((SECONDS + READY_TIMEOUT_S)) url=""
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$(cat "$data/service.pid")" 2>/dev/null || { tail -30 "$data/service.log" >&2; die 4 "the service exited while starting; log: $data/service.log"; }
    if [ -z "$url" ]; then
      url=$(grep -o 'Listening on: http://[0-9.:]*' "$data/service.log" | head -1 | sed 's/Listening on: //') || true
    fi
    if [ -n "$url" ] && curl -sf -o /dev/null --max-time 5 "$url/q/health/ready"; then
      echo "$url" >"$data/service.url"
      echo "$url"
      return
    fi
    sleep 0.5
  done
  stop "$data"
  die 4 "the service was not ready within ${READY_TIMEOUT_S} s; log: $data/service.log"
}

stop() {
  local data=${1:?usage: trustyai-service.sh stop DATA_DIR}
  [ -f "$data/service.pid" ] || return 0
  local pid
  pid=$(cat "$data/service.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$data/service.pid" "$data/service.url"
}

case "${1:-}" in
  build) build ;;
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) die 2 "usage: trustyai-service.sh build | start DATA_DIR | stop DATA_DIR" ;;
esac
