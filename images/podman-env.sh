# Sourced by the image scripts: podman as this project runs it (images/README.md, "Container engine"). crun fails on
# hybrid cgroup hosts and podman's default ulimits are refused in some sandboxes: runc, and no default ulimits.
# BUILD_DIR must be set.
mkdir -p "$BUILD_DIR"
if [ -z "${CONTAINERS_CONF:-}" ]; then
  export CONTAINERS_CONF="$BUILD_DIR/containers.conf"
  printf '[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = "runc"\n' >"$CONTAINERS_CONF.tmp"
  mv "$CONTAINERS_CONF.tmp" "$CONTAINERS_CONF"
fi
