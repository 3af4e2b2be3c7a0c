#!/usr/bin/env bash
# Builds every step image from the locally made Debian JRE base and pushes it to the local registry on 127.0.0.1,
# then prints each image's digest. Offline apart from Debian's mirror (first base build) and Maven Central.
#   images/build.sh            all steps
#   images/build.sh STEP...    only these steps (the base and registry as for all)
#   images/build.sh --maven-args   only the registry and the base; prints the Maven arguments that build the step
#                              images in any ./mvnw package/verify (tests/run.sh builds them inside its one verify)
#   images/build.sh --agent    only the GPU agent image (gpu-preflight-agent/Containerfile), from the built
#                              gpu-preflight jar
# Build directory: target/images/ (BUILD_DIR to change it): the registry's storage, the cached base, digests.txt.
# The release build (ubi9/openjdk-17-runtime by digest) is images/release, not this.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export BUILD_DIR="${BUILD_DIR:-$root/target/images}"
# shellcheck source=podman-env.sh
. "$root/images/podman-env.sh"
for tool in podman curl python3; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool missing: IMAGE_TESTS=1 bash tests/setup.sh" >&2; exit 4; }
done
start=$(date +%s)

registry="$(bash "$root/images/registry.sh" "$BUILD_DIR")"
case "$registry" in
  127.0.0.1:*) ;;
  *) echo "build.sh: the local registry must be on 127.0.0.1 (got $registry): plain HTTP is allowed only there" >&2; exit 2 ;;
esac
echo "$registry" >"$BUILD_DIR/registry.txt.tmp" && mv "$BUILD_DIR/registry.txt.tmp" "$BUILD_DIR/registry.txt"

# the base: made once per set of inputs, pushed once per registry
key="$(bash "$root/images/base/build-base.sh" "$BUILD_DIR")"
base="$registry/aiops-catalog/base-jre:$key"
if ! skopeo inspect --tls-verify=false --raw "docker://$base" >/dev/null 2>&1; then
  echo "pushing base $base" >&2
  podman import --quiet \
    --change 'USER 185' --change 'WORKDIR /home/jboss' --change 'ENV HOME=/home/jboss' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' --change 'ENV LANG=C.UTF-8' \
    --change 'LABEL io.aiops-catalog.base-key='"$key" \
    "$BUILD_DIR/base/$key/rootfs.tar" "localhost/aiops-catalog/base-jre:$key" >/dev/null
  podman push --quiet --tls-verify=false "localhost/aiops-catalog/base-jre:$key" "docker://$base"
fi

# the notebook image (Debian's Jupyter and scikit-learn) the train-and-gate demo needs under --engine podman: built
# on this base when its inputs change, kept as an archive in the build directory
nb_key="$( { echo "$key"; cat "$root/images/notebook-python/Containerfile"; } | sha256sum | cut -c1-16)"
nb_archive="$BUILD_DIR/notebook-python/$nb_key.tar"
if ! podman image exists "localhost/aiops-catalog/notebook-python:$nb_key"; then
  if [ ! -s "$nb_archive" ]; then
    echo "building notebook-python $nb_key on $key" >&2
    if ! podman image exists "localhost/aiops-catalog/base-jre:$key"; then
      podman pull --quiet --tls-verify=false "docker://$base" >/dev/null
      podman tag "$base" "localhost/aiops-catalog/base-jre:$key"
    fi
    podman build --quiet --isolation=chroot --network=host --build-arg BASE="localhost/aiops-catalog/base-jre:$key" \
      -t "localhost/aiops-catalog/notebook-python:$nb_key" "$root/images/notebook-python" >/dev/null
    mkdir -p "$BUILD_DIR/notebook-python"
    podman save --quiet -o "$nb_archive.tmp" "localhost/aiops-catalog/notebook-python:$nb_key"
    mv "$nb_archive.tmp" "$nb_archive"
  else
    podman load --quiet -i "$nb_archive" >/dev/null
  fi
fi
podman tag "localhost/aiops-catalog/notebook-python:$nb_key" localhost/aiops-catalog/notebook-python:local

maven_args="-Plocal-images -Dlocal.registry=$registry -Dlocal.base=$base"
if [ "${1:-}" = "--maven-args" ]; then
  echo "$maven_args"
  exit 0
fi

# the GPU agent image: the gpu-preflight app and Debian's check tools on the same base (podman build: Jib cannot
# install packages); its context is a copy of just what the Containerfile copies
build_agent() {
  local ctx="$BUILD_DIR/agent-context"
  [ -s "$root/steps/gpu-preflight/target/quarkus-app/quarkus-run.jar" ] \
    || { echo "build.sh: build gpu-preflight first (images/build.sh gpu-preflight)" >&2; exit 2; }
  rm -rf "$ctx" && mkdir -p "$ctx/steps/gpu-preflight/target" "$ctx/images/step"
  cp -r "$root/steps/gpu-preflight/target/quarkus-app" "$ctx/steps/gpu-preflight/target/"
  cp "$root/images/step/run" "$ctx/images/step/run"
  local ref
  ref="$registry/aiops-catalog/gpu-preflight-agent:$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml")"
  podman build --quiet --isolation=chroot --network=host --build-arg BASE="localhost/aiops-catalog/base-jre:$key" \
    -f "$root/images/gpu-preflight-agent/Containerfile" -t "$ref" "$ctx" >/dev/null
  podman push --quiet --tls-verify=false --digestfile "$BUILD_DIR/gpu-preflight-agent.digest" "$ref"
  echo "$registry/aiops-catalog/gpu-preflight-agent@$(cat "$BUILD_DIR/gpu-preflight-agent.digest")"
}
if [ "${1:-}" = "--agent" ]; then
  build_agent
  exit 0
fi

steps=("$@")
if [ ${#steps[@]} -eq 0 ]; then
  for d in "$root"/steps/*/src/main/jib; do steps+=("$(basename "$(dirname "$(dirname "$(dirname "$d")")")")"); done
fi
modules="$(printf 'steps/%s,' "${steps[@]}")"
echo "building ${steps[*]} on $base" >&2
# shellcheck disable=SC2086
(cd "$root" && ./mvnw -B -q package -DskipTests $maven_args -pl "${modules%,}" -am)

: >"$BUILD_DIR/digests.txt.tmp"
for s in "${steps[@]}"; do
  digest="$(cat "$root/steps/$s/target/jib-image.digest")"
  echo "$registry/aiops-catalog/$s@$digest" | tee -a "$BUILD_DIR/digests.txt.tmp"
done
if printf '%s\n' "${steps[@]}" | grep -qx gpu-preflight; then
  build_agent | tee -a "$BUILD_DIR/digests.txt.tmp"
fi
mv "$BUILD_DIR/digests.txt.tmp" "$BUILD_DIR/digests.txt"
echo "built ${#steps[@]} step images in $(( $(date +%s) - start )) s; digests in $BUILD_DIR/digests.txt" >&2
