#!/usr/bin/env bash
# Starts the local image registry (Debian's docker-registry, distribution 2.8) on 127.0.0.1 when none of ours is
# answering, its storage under BUILD_DIR/registry/, and prints its address (127.0.0.1:PORT). The port is free at
# start (never fixed); the address and pid are kept in BUILD_DIR/registry/ so later calls reuse the same one.
#   registry.sh BUILD_DIR        start (or reuse) it; prints its address
#   registry.sh BUILD_DIR stop   stops the one started there, if it still runs
set -euo pipefail
build_dir="${1:?usage: registry.sh BUILD_DIR [stop]}"
dir="$build_dir/registry"
if [ "${2:-}" = "stop" ]; then
  dir="$(realpath -m "$dir")" # as it was started: images/build.sh gives an absolute BUILD_DIR
  pid="$(cat "$dir/pid" 2>/dev/null || true)"
  # only that process: a pid file outlives its process, and the number may be someone else's by now
  if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "serve $dir/config.yml"; then
    kill "$pid"
  fi
  rm -f "$dir/pid" "$dir/addr"
  exit 0
fi
mkdir -p "$dir/storage"
answers() { curl -fsS --max-time 2 -o /dev/null "http://$1/v2/" 2>/dev/null; }
if [ -s "$dir/addr" ] && answers "$(cat "$dir/addr")"; then
  cat "$dir/addr"
  exit 0
fi
command -v docker-registry >/dev/null \
  || { echo "registry.sh: docker-registry missing: apt-get install docker-registry (or bash tests/setup.sh)" >&2; exit 4; }
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
addr="127.0.0.1:$port"
cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: $addr
YAML
setsid docker-registry serve "$dir/config.yml" >"$dir/log.txt" 2>&1 </dev/null &
echo $! >"$dir/pid"
for _ in $(seq 1 50); do
  if answers "$addr"; then
    echo "$addr" >"$dir/addr.tmp" && mv "$dir/addr.tmp" "$dir/addr"
    echo "$addr"
    exit 0
  fi
  sleep 0.2
done
echo "registry.sh: docker-registry did not answer on $addr within 10 s (log: $dir/log.txt)" >&2
exit 4
