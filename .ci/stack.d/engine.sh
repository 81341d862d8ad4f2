# shellcheck shell=bash
# The Docker engine (sourced by .ci/stack). A dockerd that already runs is used as it is; daemon.json, binfmt and a
# restart happen only where this script starts dockerd itself, or with --configure-engine.
engine_answers() { docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
engine_has_containerd_store() { docker info --format '{{json .DriverStatus}}' 2>/dev/null | grep -q 'io.containerd.snapshotter'; }
engine_has_arm64() { [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || docker buildx inspect 2>/dev/null | grep -q 'linux/arm64'; }

# The settings the tests need: the containerd image store (multi-platform builds, attestations and cache export on
# buildx's docker driver); no NAT rules; docker.io names served by the local mirror (the SBOM scanner stand-in).
wanted_daemon_json() {
  local mirrors=""; [ -z "$MIRROR_ADDR" ] || mirrors=", \"registry-mirrors\": [\"http://$MIRROR_ADDR\"]"
  echo "{\"features\": {\"containerd-snapshotter\": true}, \"iptables\": false, \"ip6tables\": false, \"ip-forward\": false$mirrors}"
}

# Debian 12 has no docker 26 and no buildx: the .debs come from trixie; runc, tini and iptables stay bookworm's.
install_engine() {
  . /etc/os-release
  local packages=()
  if [ "${VERSION_CODENAME:-}" = bookworm ]; then
    local debs="$STATE/debs-engine"; rm -rf "$debs"
    local wanted=(docker.io containerd docker-buildx); command -v docker >/dev/null || wanted+=(docker-cli)
    log "fetching ${wanted[*]} from trixie"
    suite_download trixie "$debs" "${wanted[@]}"
    packages=("$debs"/*.deb)
  else
    command -v dockerd >/dev/null || packages+=(docker.io)
    docker buildx version >/dev/null 2>&1 || packages+=(docker-buildx)
  fi
  [ ${#packages[@]} -eq 0 ] || apt_install "${packages[@]}"
}

enable_arm64_emulation() {
  engine_has_arm64 && return 0
  if [ -z "$(installed_version qemu-user-static)" ] || [ -z "$(installed_version binfmt-support)" ]; then apt_install qemu-user-static binfmt-support; fi
  [ -e /proc/sys/fs/binfmt_misc/status ] || as_root mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || true
  if as_root update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    changed "registered qemu-aarch64 in binfmt_misc"
  else
    log "WARNING: could not register qemu-aarch64: linux/arm64 RUN steps will fail"
  fi
}

start_own_dockerd() {
  [ "$(uname -m)" = x86_64 ] || fail "starting dockerd is written for x86_64 Debian/Ubuntu; start Docker yourself, then run .ci/stack again"
  if ! docker buildx version >/dev/null 2>&1 || ! command -v dockerd >/dev/null; then install_engine; fi
  local want; want=$(wanted_daemon_json)
  if [ "$(cat /etc/docker/daemon.json 2>/dev/null)" != "$want" ]; then
    [ ! -e /etc/docker/daemon.json ] || as_root cp /etc/docker/daemon.json "$STATE/daemon.json.before"
    as_root mkdir -p /etc/docker; echo "$want" | as_root tee /etc/docker/daemon.json >/dev/null
    changed "wrote /etc/docker/daemon.json${MIRROR_ADDR:+ (containerd image store, mirror http://$MIRROR_ADDR)}"
  fi
  enable_arm64_emulation
  if [ -d /run/systemd/system ] && systemctl cat docker.service >/dev/null 2>&1; then
    # restart, not start: the package's postinst may have started it before daemon.json was written
    as_root systemctl restart docker; changed "started docker.service"
  else
    as_root rm -f /var/run/docker.pid
    as_root setsid nohup dockerd >>"$STATE/dockerd.log" 2>&1 </dev/null &
    changed "started dockerd"; STARTED+=("dockerd (log $STATE/dockerd.log)")
  fi
  for _ in $(seq 1 120); do engine_answers && break; sleep 0.5; done
  engine_answers || { tail -20 "$STATE/dockerd.log" >&2 2>/dev/null; fail "dockerd did not start"; }
  [ -d /run/systemd/system ] || cp /var/run/docker.pid "$STATE/dockerd.pid" # what `.ci/stack stop` stops
}

# --configure-engine on a running dockerd: turn on what is missing and restart it through whatever manages it.
configure_running_engine() {
  enable_arm64_emulation
  engine_has_containerd_store && return 0
  local current; current=$(cat /etc/docker/daemon.json 2>/dev/null || echo '{}')
  as_root cp /etc/docker/daemon.json "$STATE/daemon.json.before" 2>/dev/null || true
  jq '.features["containerd-snapshotter"] = true' <<<"$current" | as_root tee /etc/docker/daemon.json >/dev/null ||
    fail "could not write /etc/docker/daemon.json (jq missing?)"
  changed "turned on the containerd image store in /etc/docker/daemon.json"
  if [ -d /run/systemd/system ] && systemctl is-active --quiet docker; then as_root systemctl restart docker
  else fail "restart dockerd yourself (it was not started by systemd or by .ci/stack), then run .ci/stack again"
  fi
  changed "restarted dockerd"
  for _ in $(seq 1 120); do engine_answers && break; sleep 0.5; done
  engine_answers || fail "dockerd did not come back after the restart"
}

ensure_engine() {
  if [ -S /var/run/docker.sock ] && docker info 2>&1 | grep -qi 'permission denied'; then
    fail "dockerd runs but $(id -un) may not use /var/run/docker.sock (add the user to the docker group, or run as root)"
  fi
  if ! engine_answers; then start_own_dockerd
  elif [ "$CONFIGURE_ENGINE" = 1 ]; then configure_running_engine
  fi
  docker buildx version >/dev/null 2>&1 || fail "dockerd answers but the buildx plugin is missing (Debian/Ubuntu: apt-get install docker-buildx)"
  engine_has_containerd_store ||
    log "NOTE: dockerd has no containerd image store: multi-platform tests fail (.ci/stack --configure-engine turns it on and restarts dockerd)"
  engine_has_arm64 ||
    log "NOTE: no linux/arm64 emulation: arm64 RUN steps fail (.ci/stack --configure-engine registers qemu)"
  log "dockerd $(docker version --format '{{.Server.Version}}') with buildx $(docker buildx version | awk '{print $2}')"
}
