#!/usr/bin/env bash
# Runs every test of the catalog on a fresh machine: installs what the tests need when it is missing
# (tests/setup.sh), then `./mvnw -B verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup.sh
./mvnw -B verify "$@"
