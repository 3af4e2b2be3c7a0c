#!/usr/bin/env bash
# Makes the local step base image: a Debian bookworm JRE root filesystem (debootstrap) with the conventions of
# ubi9/openjdk-17-runtime (setup.sh), as an image archive cached under BUILD_DIR/base/<key>/, where <key> hashes
# every input (setup.sh, packages, suite, mirror, and FORMAT below: bump it when this script changes what it makes).
# Prints the key. Rebuilds only when the key changes.
#   build-base.sh BUILD_DIR
set -euo pipefail
FORMAT=1
here="$(cd "$(dirname "$0")" && pwd)"
build_dir="${1:?usage: build-base.sh BUILD_DIR}"
suite="${BASE_SUITE:-bookworm}"
mirror="${BASE_MIRROR:-http://deb.debian.org/debian}"
packages="$(grep -v '^#' "$here/packages" | grep . | paste -sd, -)"
key="$( { echo "format $FORMAT $suite $mirror"; cat "$here/setup.sh" "$here/packages"; } | sha256sum | cut -c1-16)"
out="$build_dir/base/$key"
if [ -s "$out/rootfs.tar" ]; then
  echo "$key"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "build-base.sh: debootstrap needs root (or run images/build.sh as root)" >&2; exit 4; }
command -v debootstrap >/dev/null || { echo "build-base.sh: debootstrap missing: apt-get install debootstrap" >&2; exit 4; }
mkdir -p "$build_dir/base"
work="$(mktemp -d "$build_dir/base/.work.XXXXXX")"
# debootstrap mounts /proc and /sys in the root filesystem: never remove through them
cleanup() {
  umount -R "$work/rootfs/proc" "$work/rootfs/sys" 2>/dev/null || true
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
echo "base $key: debootstrap $suite ($packages), a few minutes..." >&2
mkdir -p "$build_dir/base/debs"
# the downloaded packages are kept: a changed setup.sh rebuilds without downloading again
debootstrap --variant=minbase --cache-dir="$(cd "$build_dir/base/debs" && pwd)" --include="$packages" "$suite" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; echo "build-base.sh: debootstrap failed (log above)" >&2; exit 4; }
cp "$here/setup.sh" "$work/rootfs/tmp/setup.sh"
chroot "$work/rootfs" /bin/sh /tmp/setup.sh
# sorted, numeric owners, fixed times: the same inputs give the same layer
tar --sort=name --numeric-owner --mtime='2026-01-01 00:00:00' --xattrs -C "$work/rootfs" -cf "$work/rootfs.tar" .
mkdir -p "$out"
mv "$work/rootfs.tar" "$out/rootfs.tar.tmp" && mv "$out/rootfs.tar.tmp" "$out/rootfs.tar"
echo "$key"
