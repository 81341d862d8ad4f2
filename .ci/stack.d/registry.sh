# shellcheck shell=bash
# The registries (sourced by .ci/stack): distribution's registry with htpasswd auth on $REGISTRY_ADDR, and, where
# dockerd names it as its docker.io mirror, an auth-less one on $MIRROR_ADDR. One that already answers is kept.
registry_accepts() { # $1 = address: asks for auth, and takes the test credentials
  [ "$(http_code "http://$1/v2/")" = 401 ] && [ "$(http_code -u "$REGISTRY_USER:$REGISTRY_PASSWORD" "http://$1/v2/")" = 200 ]
}

install_registry() { # the package's own service (where systemd runs one) would take port 5000 without auth: stopped
  apt_install docker-registry
  [ ! -d /run/systemd/system ] || as_root systemctl disable --now docker-registry >/dev/null 2>&1 || true
}

start_registry() { # $1 = address, $2 = htpasswd file or empty
  local address=$1 htpasswd=$2 port=${1##*:}
  local config="$STATE/registry-$port.yml"
  cat >"$config" <<YAML
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $STATE/registry-$port}
  delete: {enabled: true}
http: {addr: "$address", secret: "stack-$port"}
YAML
  [ -z "$htpasswd" ] || printf 'auth:\n  htpasswd: {realm: stack-registry, path: %s}\n' "$htpasswd" >>"$config"
  if command -v docker-registry >/dev/null || { apt-cache show docker-registry >/dev/null 2>&1 && install_registry; }; then
    setsid nohup docker-registry serve "$config" >>"$STATE/registry-$port.log" 2>&1 </dev/null &
    echo $! >"$STATE/registry-$port.pid"
  else # no package: distribution's image, where Docker Hub answers
    docker run -d --name "stack-registry-$port" --network host -v "$STATE:$STATE" registry:2 serve "$config" >/dev/null ||
      fail "no docker-registry package and no registry:2 image: install distribution's registry"
    echo "container stack-registry-$port" >"$STATE/registry-$port.pid"
  fi
  for _ in $(seq 1 100); do
    case $(http_code "http://$address/v2/") in 200|401) changed "started a registry on $address"; STARTED+=("registry on $address (data $STATE/registry-$port)"); return 0 ;; esac
    sleep 0.1
  done
  tail -5 "$STATE/registry-$port.log" >&2 2>/dev/null; fail "the registry on $address did not start"
}

ensure_registries() {
  case $(http_code "http://$REGISTRY_ADDR/v2/") in
    200|401) registry_accepts "$REGISTRY_ADDR" ||
      fail "a registry answers on $REGISTRY_ADDR but without auth or refusing $REGISTRY_USER (stop it, or point TEST_REGISTRY, TEST_REGISTRY_USER, TEST_REGISTRY_PASSWORD at it)" ;;
    *)
      command -v htpasswd >/dev/null || apt_install apache2-utils
      htpasswd -Bbn "$REGISTRY_USER" "$REGISTRY_PASSWORD" >"$STATE/htpasswd" # bcrypt, which distribution accepts
      start_registry "$REGISTRY_ADDR" "$STATE/htpasswd" ;;
  esac
  # The docker.io mirror only where dockerd asks it for docker.io names (a dockerd this script configured).
  if [ -n "$MIRROR_ADDR" ] && docker info --format '{{json .RegistryConfig.Mirrors}}' 2>/dev/null | grep -q "http://$MIRROR_ADDR"; then
    case $(http_code "http://$MIRROR_ADDR/v2/") in 200) ;; *) start_registry "$MIRROR_ADDR" "" ;; esac
    MIRROR_IN_USE=1
  fi
  # buildx pulls the auth-only stand-in base with docker's stored login (./build.sh Publish on an offline machine).
  if ! grep -qs "\"$REGISTRY_ADDR\"" "${DOCKER_CONFIG:-$HOME/.docker}/config.json"; then
    printf '%s' "$REGISTRY_PASSWORD" | docker login "$REGISTRY_ADDR" -u "$REGISTRY_USER" --password-stdin >/dev/null 2>&1 ||
      fail "docker login $REGISTRY_ADDR failed"
    changed "stored a docker login for $REGISTRY_ADDR"
  fi
  log "registry http://$REGISTRY_ADDR (user $REGISTRY_USER)${MIRROR_IN_USE:+, docker.io mirror http://$MIRROR_ADDR}"
}
