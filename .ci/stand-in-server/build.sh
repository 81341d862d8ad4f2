#!/usr/bin/env bash
# Builds and pushes the server-capable stand-in base (default 127.0.0.1:5000/stand-in/mlflow-server:v3.1.1)
# for the build's SmokeTest where MLflow's own image cannot be pulled. Made from Debian bookworm packages
# only, unpacked offline into one rootfs per architecture (apt-get download + dpkg-deb -x, no maintainer
# scripts): python3 with python3-psycopg2 and python3-boto3 (the real drivers), busybox-static for the shell
# tools dockerfile.mlflow's RUN step uses, a recording `pip` (nothing is installed from PyPI), and the stand-in
# `mlflow` of this folder (PostgreSQL through psycopg2, S3 through boto3).
#
# Also installs what SmokeTest's --smoke-services local starts: the pinned s3rver (npm ci in s3/) and, when no
# pg_ctl is found, Debian's PostgreSQL server binaries (postgresql-15; no cluster is created or started).
#
# Env: REGISTRY (127.0.0.1:5000), IMAGE (stand-in/mlflow-server), TAG (v3.1.1: `mlflow --version` reports it),
#      PLATFORMS (linux/amd64,linux/arm64; arm64's bytecode is compiled through QEMU),
#      REGISTRY_USER/REGISTRY_PASSWORD (docker login first when both set).
# Reaches: the Debian mirror /etc/apt names, and the registry. Prints the pushed reference.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REGISTRY=${REGISTRY:-127.0.0.1:5000}
IMAGE=${IMAGE:-stand-in/mlflow-server}
TAG=${TAG:-v3.1.1}
PLATFORMS=${PLATFORMS:-linux/amd64,linux/arm64}
REF="$REGISTRY/$IMAGE:$TAG"
WORK=$(mktemp -d /tmp/stand-in-server.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
log() { printf '[stand-in-server] %s\n' "$*" >&2; }

# The services of --smoke-services local.
if [ ! -d "$HERE/s3/node_modules/@20minutes/s3rver" ]; then
  log "npm ci in $HERE/s3 (s3rver)"
  npm ci --prefix "$HERE/s3" --no-audit --no-fund --loglevel=error >/dev/null
fi
if ! command -v pg_ctl >/dev/null && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  log "apt-get install postgresql-15 (server binaries for SmokeTest's local PostgreSQL)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
fi

# The image itself only when it is missing (FORCE=1 rebuilds it): building it takes minutes (arm64 through QEMU).
if [ "${FORCE:-0}" != 1 ] && docker buildx imagetools inspect "$REF" >/dev/null 2>&1; then
  log "$REF is already in the registry"; echo "$REF"; exit 0
fi

mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || { echo "no Debian mirror found in /etc/apt" >&2; exit 1; }

# What the image needs, and what apt's dependency closure drags in that an unpacked rootfs does without
# (package managers, perl, debconf's front ends, certificate and time-zone data the smoke test never reads).
WANTED="python3 python3-psycopg2 python3-boto3 busybox-static"
LEFT_OUT=" dpkg tar install-info perl perl-base perl-modules-5.36 libperl5.36 libgdbm-compat4 debconf cdebconf libdebian-installer4 libnewt0.52 libslang2 libtextwrap1 mailcap ca-certificates openssl tzdata "

APT=/tmp/stand-in-server-apt
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" >"$APT/sources.list"
arches=$(tr ',' '\n' <<<"$PLATFORMS" | sed 's#^linux/##; s#/.*##' | sort -u | tr '\n' ' ')
aptopts() { # $1 = architecture: resolve and download as if it were the native one
  printf '%s\n' -o "Dir::Etc::SourceList=$APT/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$APT/lists" \
    -o "Dir::Cache=$APT/cache" -o APT::Sandbox::User=root -o "APT::Architecture=$1" -o "APT::Architectures=$(tr ' ' ',' <<<"${arches% }")" \
    -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false -o Acquire::Languages=none
}
if [ -z "$(find "$APT/lists" -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
  log "apt-get update (private state $APT, $mirror bookworm, $arches)"
  mapfile -t o < <(aptopts amd64); apt-get "${o[@]}" update -qq
fi

for a in $arches; do
  mapfile -t o < <(aptopts "$a")
  # shellcheck disable=SC2086 # one word per package
  packages=$(apt-cache "${o[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances $WANTED \
    | grep -v '^[ <]' | sed 's/:.*//' | sort -u | while read -r p; do [[ "$LEFT_OUT" == *" $p "* ]] || echo "$p"; done)
  mkdir -p "$WORK/deb-$a"
  # shellcheck disable=SC2086 # one word per package
  (cd "$WORK/deb-$a" && apt-get "${o[@]}" download -qq $packages)
  r="$WORK/ctx/rootfs-$a"
  mkdir -p "$r"
  for deb in "$WORK/deb-$a"/*.deb; do dpkg-deb -x "$deb" "$r"; done
  # Documentation, and botocore's models of the AWS services no one here calls (~70 MB): boto3 keeps S3's and STS's.
  rm -rf "$r/usr/share/doc" "$r/usr/share/man" "$r/usr/share/info" "$r/usr/share/locale" "$r/usr/share/lintian"
  find "$r/usr/lib/python3/dist-packages/botocore/data" -mindepth 1 -maxdepth 1 -type d ! -name s3 ! -name sts -exec rm -rf {} +
  log "linux/$a: $(find "$WORK/deb-$a" -name '*.deb' | wc -l) packages unpacked ($(du -sm "$r" | cut -f1) MB)"
  # busybox applets for every tool the rootfs lacks (sh, find, grep, touch, chown ...), beside Debian's own files
  mkdir -p "$r/bin" "$r/tmp" "$r/root" "$r/etc" "$r/usr/local/bin" "$r/var/log/stand-in"
  for ap in $("$r/bin/busybox" --list 2>/dev/null || busybox --list); do
    [ -e "$r/bin/$ap" ] || [ -e "$r/usr/bin/$ap" ] || [ -e "$r/usr/sbin/$ap" ] || [ -e "$r/sbin/$ap" ] || ln -s busybox "$r/bin/$ap"
  done
  chmod 1777 "$r/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$r/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
done

c="$WORK/ctx/common"
mkdir -p "$c/usr/local/bin" "$c/usr/local/lib/stand-in-mlflow"
sed "s/@MLFLOW_VERSION@/${TAG#v}/" "$HERE/mlflow" >"$c/usr/local/lib/stand-in-mlflow/mlflow"
cp "$HERE/tracking_server.py" "$HERE/tracking_store.py" "$c/usr/local/lib/stand-in-mlflow/"
chmod 755 "$c/usr/local/lib/stand-in-mlflow/mlflow"
ln -s ../lib/stand-in-mlflow/mlflow "$c/usr/local/bin/mlflow"
ln -s /usr/bin/python3 "$c/usr/local/bin/python"
cat >"$c/usr/local/bin/pip" <<'EOF'
#!/bin/sh
# stand-in pip: installs nothing (boto3 and psycopg2 come from Debian's packages), records the call
log=${STAND_IN_PIP_LOG:-/var/log/stand-in/pip.log}
case "$1" in --version|-V) echo "pip 23.0.1 (stand-in)"; exit 0;; esac
mkdir -p "${log%/*}" && echo "pip $* [$(uname -m)]" >>"$log"
echo "stand-in pip: recorded in $log"
EOF
chmod 755 "$c/usr/local/bin/pip"
ln -s pip "$c/usr/local/bin/pip3"

cat >"$WORK/ctx/Dockerfile" <<EOF
FROM scratch
ARG TARGETARCH
COPY rootfs-\${TARGETARCH}/ /
COPY common/ /
ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8
# Bytecode once, at build time (the image's user cannot write it later; arm64 runs this through QEMU).
RUN ["/usr/bin/python3", "-m", "compileall", "-q", "--invalidation-mode", "unchecked-hash", "/usr/lib/python3.11", "/usr/lib/python3/dist-packages", "/usr/local/lib/stand-in-mlflow"]
LABEL org.opencontainers.image.title="stand-in $IMAGE" org.opencontainers.image.version="$TAG" stand-in="true"
CMD ["/bin/sh"]
EOF

if [ -n "${REGISTRY_USER:-}" ] && [ -n "${REGISTRY_PASSWORD:-}" ]; then
  printf '%s' "$REGISTRY_PASSWORD" | docker login "$REGISTRY" -u "$REGISTRY_USER" --password-stdin >/dev/null
fi
log "building $REF for $PLATFORMS"
find "$WORK/ctx" -exec touch -h -d @0 {} +
docker buildx build --platform "$PLATFORMS" --provenance=false --sbom=false --build-arg SOURCE_DATE_EPOCH=0 \
  --tag "$REF" --push --progress=quiet "$WORK/ctx" >/dev/null
for p in $(tr ',' ' ' <<<"$PLATFORMS"); do
  v=$(docker run --rm --quiet --pull always --platform "$p" "$REF" sh -c 'mlflow --version && python -c "import boto3, psycopg2; print(\"boto3\", boto3.__version__, \"psycopg2\", psycopg2.__version__.split()[0])"' | tr '\n' ' ')
  log "$p: $v"
done
docker image rm "$REF" >/dev/null 2>&1 || true
log "pushed $REF"
echo "$REF"
