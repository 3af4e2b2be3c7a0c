#!/usr/bin/env bash
# Start-up of a step INSIDE its image (images/build.sh first), side by side: the plain JVM (`java -jar`, the
# baseline), the image's entrypoint /opt/step/run (C1 only, Serial GC), and the entrypoint with an AppCDS archive
# made in that image by its own JVM (the archive is bind-mounted where /opt/step/run looks for it). Medians of RUNS
# calls of `--help` timed inside one container (no podman start-up in the figure), then of RUNS whole
# `podman run --rm ... --help` calls (what a Tekton step pays, less the image pull). Run on demand, not in CI:
#   images/build.sh && bash bench/image-start-up.sh [step ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export BUILD_DIR="$root/target/images"
. "$root/images/podman-env.sh"
RUNS=${RUNS:-10}
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(accuracy-gate metrics-backup)
registry="$(cat "$BUILD_DIR/registry.txt")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 0777 "$work"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
restricted=(--rm --tls-verify=false --user 1000700001:0 --read-only --cap-drop=ALL --network=none)
printf '%-16s %-28s %12s %14s\n' step variant "in-container" "podman run"
for step in "${steps[@]}"; do
  image="$registry/aiops-catalog/$step@$(cat "$root/steps/$step/target/jib-image.digest")"
  podman pull --quiet --tls-verify=false "$image" >/dev/null
  # the training run: the image's JVM records the classes --help loads
  mkdir -p "$work/$step" && chmod 0777 "$work/$step"
  podman run --rm --tls-verify=false --user 185:0 -v "$work/$step:/out" \
    -e JAVA_OPTS_APPEND="-XX:ArchiveClassesAtExit=/out/app.jsa" "$image" --help >/dev/null 2>&1
  for variant in "default (java -jar)" "C1 (/opt/step/run)" "AppCDS+C1 (/opt/step/run)"; do
    opts=() entry=/opt/step/run
    case "$variant" in
      default*) entry="java -jar /home/jboss/quarkus-run.jar" ;;
      AppCDS*) opts=(-v "$work/$step/app.jsa:/opt/step/app.jsa:ro") ;;
    esac
    inside="$(podman run "${restricted[@]}" "${opts[@]}" --entrypoint /bin/sh "$image" -c \
      "for i in \$(seq $RUNS); do s=\$(date +%s%N); $entry --help >/dev/null 2>&1; e=\$(date +%s%N); echo \$(( (e-s)/1000000 )); done" \
      | median)"
    outside="$(for _ in $(seq "$RUNS"); do
      s=$(date +%s%N)
      # shellcheck disable=SC2086
      podman run "${restricted[@]}" "${opts[@]}" --entrypoint '["/bin/sh","-c","exec '"$entry"' \"$@\"","run"]' \
        "$image" --help >/dev/null 2>&1
      e=$(date +%s%N); echo $(( (e-s)/1000000 ))
    done | median)"
    printf '%-16s %-28s %10s ms %12s ms\n' "$step" "$variant" "$inside" "$outside"
  done
done
