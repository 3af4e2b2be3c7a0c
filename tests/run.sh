#!/usr/bin/env bash
# Runs every test of the catalog on a fresh machine: installs what the tests need when it is missing
# (tests/setup.sh), then `./mvnw -B verify`. With IMAGE_TESTS=1 (opt-in) the same verify also builds every step image
# from the local base into the local registry (images/build.sh --maven-args) and runs the image tests on them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup.sh
image_args=()
if [ "${IMAGE_TESTS:-0}" = 1 ]; then
  read -r -a image_args <<<"$(bash images/build.sh --maven-args)"
  image_args+=(-Dimage.tests=true)
fi
./mvnw -B verify "${image_args[@]}" "$@"
