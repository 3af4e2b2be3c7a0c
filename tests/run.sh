#!/usr/bin/env bash
# Runs every test of the catalog on a fresh machine: installs what the tests need when it is missing
# (tests/setup.sh), then `./mvnw -B install` (every test, on the jars). With IMAGE_TESTS=1 (what CI runs), a second
# pass builds every step image from the local base into the local registry (images/build.sh --maven-args: Jib, in
# the same reactor) and runs the image tests on them. Two passes, because with a container image built Quarkus runs
# its integration tests inside that image, where the host's peers (a Jupyter kernel, Prometheus) are not.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup.sh
./mvnw -B install "$@"
if [ "${IMAGE_TESTS:-0}" = 1 ]; then
  read -r -a image_args <<<"$(bash images/build.sh --maven-args)"
  # the tests that need the images (each skips itself without -Dimage.tests=true)
  image_its=PodmanEngineIT,TrainAndGatePodmanIT,StepImagesIT,ReleaseCatalogIT
  ./mvnw -B verify "${image_args[@]}" -Dimage.tests=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test="$image_its" -Dfailsafe.failIfNoSpecifiedTests=false "$@"
fi
