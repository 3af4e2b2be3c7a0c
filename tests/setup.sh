#!/usr/bin/env bash
# Installs what the tests and the demo need on a fresh Debian/Ubuntu machine, when it is missing: a JDK 17,
# Node.js/npm (tekton-lint), and the real tools the integration tests and the demo drive.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v git >/dev/null 2>&1 || missing+=(git)
# real tools the tests run: Chromium (reports), Prometheus + promtool (notebook-train fetch-data),
# Jupyter with scikit-learn and pandas (notebooks, model servers, the sklearn cross-check), iperf3 and ping
# and a Pushgateway (gpu-preflight), curl and jq (the real TrustyAI service's script and bench/restore-real, whose
# baseline is the seed's jq + curl loop)
for pkg in chromium prometheus jupyter-nbconvert python3-nbclient python3-ipykernel python3-sklearn \
    python3-pandas iperf3 iputils-ping prometheus-pushgateway curl jq; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
# the step images and their tests (IMAGE_TESTS=1, as CI sets it): podman with runc (catatonit for pods), Debian's
# registry, debootstrap for the local base image (images/README.md). The main command runs without them.
if [ "${IMAGE_TESTS:-0}" = 1 ]; then
  for pkg in podman runc catatonit docker-registry debootstrap skopeo curl; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# the Tekton linter the contract tests run, pinned by package-lock.json
if [ ! -x tests/catalog-contract/node_modules/.bin/tekton-lint ]; then
  (cd tests/catalog-contract && npm ci --no-audit --no-fund --loglevel=error)
fi
