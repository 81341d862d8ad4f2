# shellcheck shell=bash
# The stand-in for the MLflow base image (sourced by .ci/stack), built without the internet: busybox-static from the
# apt mirror for amd64 and arm64, a `pip` that records what it is asked to install, and a few MB of site-packages.
# Fixed file times and SOURCE_DATE_EPOCH=0 give the same digest on every machine and run.
# Where dockerd uses the local docker.io mirror, a stand-in SBOM scanner goes there too, so --sbom=true works offline.
STAND_IN_REF="$REGISTRY_ADDR/stand-in/mlflow:v3.1.1"
SCANNER_REF="$MIRROR_ADDR/docker/buildkit-syft-scanner:stable-1"

stand_in_rootfs() { # $1 = context directory: rootfs-amd64/, rootfs-arm64/ with busybox and its applets
  local work=$1 arch
  APT_ARCHES=amd64,arm64 suite_download "$VERSION_CODENAME" "$work/debs" busybox-static:amd64 busybox-static:arm64
  for arch in amd64 arm64; do
    local root="$work/rootfs-$arch"
    mkdir -p "$root/bin" "$root/tmp" "$root/root" "$root/etc" "$root/var/log/stand-in" "$work/x-$arch"
    dpkg-deb --fsys-tarfile "$work"/debs/busybox-static_*_"$arch".deb | tar -x -C "$work/x-$arch" ./bin/busybox
    cp "$work/x-$arch/bin/busybox" "$root/bin/busybox"; chmod 1777 "$root/tmp"
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"; printf 'root:x:0:\n' >"$root/etc/group"
  done
  for applet in $("$work/x-amd64/bin/busybox" --list); do
    [ "$applet" = busybox ] || for arch in amd64 arm64; do ln -sf busybox "$work/rootfs-$arch/bin/$applet"; done
  done
}

stand_in_python() { # $1 = directory that becomes / in the image (shared by both platforms)
  local top=$1 site="$1/usr/local/lib/python3.10/site-packages"
  mkdir -p "$top/usr/local/bin" "$site/mlflow" "$site/mlflow-3.1.1.dist-info" "$site/stand_in_data"
  cat >"$top/usr/local/bin/pip" <<'SH'
#!/bin/sh
# stand-in pip: installs nothing; appends "pip <args> [machine]" and each -r file to the log
log=${STAND_IN_PIP_LOG:-/var/log/stand-in/pip.log}
mkdir -p "${log%/*}"
case "$1" in --version|-V) echo "pip 24.0 (stand-in)"; exit 0 ;; esac
echo "pip $* [$(uname -m)]" >>"$log"
while [ $# -gt 0 ]; do
  file=
  case "$1" in -r|--requirement) shift; file=${1:-} ;; -r*) file=${1#-r} ;; --requirement=*) file=${1#--requirement=} ;; esac
  if [ -n "$file" ]; then
    [ -f "$file" ] || { echo "stand-in pip: no such requirements file: $file" >&2; exit 1; }
    { echo "--- $file"; cat "$file"; echo "--- end"; } >>"$log"
  fi
  [ $# -gt 0 ] && shift
done
echo "stand-in pip: recorded in $log"
SH
  cat >"$top/usr/local/bin/python" <<'SH'
#!/bin/sh
# stand-in python: "-m pip" goes to the stand-in pip
case "$1" in
  --version|-V) echo "Python 3.10.0 (stand-in)" ;;
  -m) [ "$2" = pip ] && { shift 2; exec pip "$@"; }; echo "stand-in python: -m $2 ignored" >&2 ;;
  *) echo "stand-in python: $* ignored" >&2 ;;
esac
SH
  chmod 755 "$top/usr/local/bin/pip" "$top/usr/local/bin/python"
  ln -s pip "$top/usr/local/bin/pip3"; ln -s python "$top/usr/local/bin/python3"
  echo '__version__ = "3.1.1"' >"$site/mlflow/__init__.py"
  printf 'Metadata-Version: 2.1\nName: mlflow\nVersion: 3.1.1\n' >"$site/mlflow-3.1.1.dist-info/METADATA"
  for i in 1 2 3 4; do seq -f "stand-in line %g" $((i * 100000)) $((i * 100000 + 50000)) >"$site/stand_in_data/blob$i.txt"; done
}

build_reproducibly() { # $1 = context, $2 = tag to push
  find "$1" -exec touch -h -d @0 {} +
  docker buildx build --platform linux/amd64,linux/arm64 --provenance=false --sbom=false --build-arg SOURCE_DATE_EPOCH=0 \
    --tag "$2" --push --progress=quiet "$1" >/dev/null
}

ensure_stand_in() {
  local need_scanner=0
  [ -z "${MIRROR_IN_USE:-}" ] || [ "$(http_code -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json' "http://$MIRROR_ADDR/v2/docker/buildkit-syft-scanner/manifests/stable-1")" = 200 ] || need_scanner=1
  if docker buildx imagetools inspect "$STAND_IN_REF" >/dev/null 2>&1 && [ $need_scanner = 0 ]; then
    log "stand-in base $STAND_IN_REF"; return 0
  fi
  local work; work=$(mktemp -d); CLEANUP+=("$work")
  . /etc/os-release
  # Debian's busybox-static needs no registry; elsewhere (Ubuntu runners) Docker Hub's busybox gives the same shell.
  local from="FROM busybox:1.36.1-musl"
  if [ "${ID:-}" = debian ]; then
    stand_in_rootfs "$work"
    mkdir -p "$work/base"; cp -a "$work/rootfs-amd64" "$work/rootfs-arm64" "$work/base/"
    from=$'FROM scratch\nARG TARGETARCH\nCOPY rootfs-${TARGETARCH}/ /'
  fi
  stand_in_python "$work/base/common"
  cat >"$work/base/Dockerfile" <<DOCKERFILE
$from
COPY common/ /
ENV PATH=/usr/local/bin:/usr/bin:/bin PYTHONPATH=/usr/local/lib/python3.10/site-packages
LABEL org.opencontainers.image.title="stand-in for ghcr.io/mlflow/mlflow" org.opencontainers.image.version="v3.1.1" stand-in="true"
CMD ["/bin/sh"]
DOCKERFILE
  build_reproducibly "$work/base" "$STAND_IN_REF"
  changed "pushed the stand-in base $STAND_IN_REF"
  [ $need_scanner = 1 ] || return 0
  [ -d "$work/rootfs-amd64" ] || stand_in_rootfs "$work"
  mkdir -p "$work/scanner"; cp -a "$work/rootfs-amd64" "$work/rootfs-arm64" "$work/scanner/"
  cp "$ROOT/.ci/stack.d/stand-in-sbom" "$work/scanner/stand-in-sbom"
  cat >"$work/scanner/Dockerfile" <<'DOCKERFILE'
FROM scratch
ARG TARGETARCH
COPY rootfs-${TARGETARCH}/ /
COPY stand-in-sbom /bin/stand-in-sbom
ENTRYPOINT ["/bin/stand-in-sbom"]
DOCKERFILE
  build_reproducibly "$work/scanner" "$SCANNER_REF"
  changed "pushed the SBOM scanner stand-in $SCANNER_REF"
}

# The server-capable stand-in SmokeTest runs (python3, psycopg2, boto3 and a stand-in mlflow), and the local services
# it starts (s3rver from npm, PostgreSQL's server binaries): .ci/stand-in-server/build.sh, run only when one is missing.
ensure_stand_in_server() {
  local ref="$REGISTRY_ADDR/stand-in/mlflow-server:v3.1.1" missing=()
  docker buildx imagetools inspect "$ref" >/dev/null 2>&1 || missing+=("pushed the smoke test's stand-in server base $ref")
  [ -d "$ROOT/.ci/stand-in-server/s3/node_modules/@20minutes/s3rver" ] || missing+=("installed s3rver into .ci/stand-in-server/s3 (npm ci)")
  command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=("installed postgresql-15")
  if [ ${#missing[@]} -eq 0 ]; then log "stand-in server base $ref, s3rver, PostgreSQL"; return 0; fi
  REGISTRY="$REGISTRY_ADDR" REGISTRY_USER="$REGISTRY_USER" REGISTRY_PASSWORD="$REGISTRY_PASSWORD" \
    bash "$ROOT/.ci/stand-in-server/build.sh" >/dev/null
  local item; for item in "${missing[@]}"; do changed "$item"; done
}
