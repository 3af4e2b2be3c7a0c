#!/usr/bin/env bash
# Runs every test of the catalog on a fresh machine: installs what the tests need when it is missing (a JDK 17,
# Node.js/npm for tekton-lint, and the real tools the integration tests drive), then `./mvnw -B verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests run for real; each line: the command that proves it is there, then the package(s).
required=(
  "javac:openjdk-17-jdk-headless"
  "npm:nodejs npm"
  "chromium:chromium"
)
missing=()
for entry in "${required[@]}"; do
  cmd=${entry%%:*}
  command -v "$cmd" >/dev/null 2>&1 || missing+=(${entry#*:})
done
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

./mvnw -B verify "$@"
