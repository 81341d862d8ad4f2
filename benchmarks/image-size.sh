#!/usr/bin/env bash
# image-size.sh: bytes dockerfile.mlflow adds over its base image, against the seed's Dockerfile
# (benchmarks/seed.dockerfile.mlflow), both built once, the same way, on the same stand-in base.
#
# "Added bytes" = the layers of the built image that the base does not have, uncompressed (the tar
# streams a registry stores gzip-compressed), per platform; compressed sizes are shown beside them.
# Needs: docker + buildx, the stand-in base (bash .ci/stack), jq, gzip.
# Both builds get the same pins; the last lines show what the stand-in's pip was asked for in each
# (for the seed, from its builder stage, where its pip runs).
# Env: BASE_IMAGE (127.0.0.1:5000/stand-in/mlflow), BASE_TAG (v3.1.1), PLATFORMS (linux/amd64,linux/arm64),
#      BOTO3_VERSION (1.34.162), PSYCOPG2_VERSION (2.9.10),
#      REGISTRY_USER/REGISTRY_PASSWORD (log in, in a private DOCKER_CONFIG, when both are set).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE_IMAGE=${BASE_IMAGE:-127.0.0.1:5000/stand-in/mlflow}
BASE_TAG=${BASE_TAG:-v3.1.1}
PLATFORMS=${PLATFORMS:-linux/amd64,linux/arm64}
BOTO3_VERSION=${BOTO3_VERSION-1.34.162}
PSYCOPG2_VERSION=${PSYCOPG2_VERSION-2.9.10}
WORK=$(mktemp -d /tmp/image-size.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ -n "${REGISTRY_USER:-}" ] && [ -n "${REGISTRY_PASSWORD:-}" ]; then
  export DOCKER_CONFIG="$WORK/docker-config"
  mkdir -p "$DOCKER_CONFIG"
  printf '%s' "$REGISTRY_PASSWORD" | docker login "${BASE_IMAGE%%/*}" -u "$REGISTRY_USER" --password-stdin >/dev/null
fi

blob() { echo "$1/blobs/${2%%:*}/${2#*:}"; }

# The base's layer digests for one platform (the registry's manifest list -> that platform's manifest).
base_layers() {
  local digest
  digest=$(docker buildx imagetools inspect --raw "$BASE_IMAGE:$BASE_TAG" |
    jq -r --arg os "${1%%/*}" --arg arch "${1#*/}" '.manifests[] | select(.platform.os == $os and .platform.architecture == $arch) | .digest')
  docker buildx imagetools inspect --raw "$BASE_IMAGE@$digest" | jq -r '.layers[].digest'
}

# build NAME DOCKERFILE OUTPUT [OPTIONS...]: one multi-platform build, the same flags for both Dockerfiles, timed.
build() {
  local name=$1 file=$2 output=$3 start=${EPOCHREALTIME/./}
  shift 3
  docker buildx build --file "$file" --platform "$PLATFORMS" --provenance=false \
    --build-arg MLFLOW_IMAGE="$BASE_IMAGE" --build-arg MLFLOW_VERSION="$BASE_TAG" \
    --build-arg BOTO3_VERSION="$BOTO3_VERSION" --build-arg PSYCOPG2_VERSION="$PSYCOPG2_VERSION" \
    --output "$output" --progress=quiet "$@" "$ROOT" >/dev/null 2>"$WORK/$name.log" ||
    { cat "$WORK/$name.log" >&2; echo "image-size.sh: building $file failed" >&2; exit 1; }
  echo $(( (${EPOCHREALTIME/./} - start) / 1000 )) >"$WORK/$name.ms"
}

# asked NAME PLATFORM: the requirements the stand-in pip recorded, on one line.
asked() {
  local dir="$WORK/$1"; [ -d "$dir/${2//\//_}" ] && dir="$dir/${2//\//_}"
  sed -n '/^--- \/tmp\/requirements.txt/,/^--- end/{/^---/d;p}' "$dir/var/log/stand-in/pip.log" | paste -sd ' ' -
}

# added NAME PLATFORM [base]: "<layers> <uncompressed bytes> <compressed bytes> <paths with a literal *>"
# of the layers not in the base (or, with "base", of the base's own layers, for scale).
added() {
  local dir="$WORK/$1" manifest layers=0 raw=0 packed=0 stars=0 digest media in_base
  manifest=$(jq -r --arg os "${2%%/*}" --arg arch "${2#*/}" \
    '.manifests[] | select(.platform.os == $os and .platform.architecture == $arch) | .digest' "$(blob "$dir" "$(jq -r '.manifests[0].digest' "$dir/index.json")")")
  while read -r digest media; do
    in_base=no; grep -qx "$digest" "$WORK/base-${2//\//-}" && in_base=base
    [ "$in_base" = "${3:-no}" ] || continue
    local file; file=$(blob "$dir" "$digest")
    case $media in
      *gzip) unpack=(gzip -dc) ;; *zstd) unpack=(zstd -dcq) ;; *) unpack=(cat) ;;
    esac
    layers=$((layers + 1))
    packed=$((packed + $(stat -c %s "$file")))
    raw=$((raw + $("${unpack[@]}" "$file" | wc -c)))
    stars=$((stars + $("${unpack[@]}" "$file" | tar -t | grep -c '\*' || true)))
  done < <(jq -r '.layers[] | "\(.digest) \(.mediaType)"' "$(blob "$dir" "$manifest")")
  echo "$layers $raw $packed $stars"
}

for p in ${PLATFORMS//,/ }; do base_layers "$p" >"$WORK/base-${p//\//-}"; done
build ours "$ROOT/dockerfile.mlflow" "type=oci,dest=$WORK/ours,tar=false"
build seed "$ROOT/benchmarks/seed.dockerfile.mlflow" "type=oci,dest=$WORK/seed,tar=false"
build pins-ours "$ROOT/dockerfile.mlflow" "type=local,dest=$WORK/pins-ours"
build pins-seed "$ROOT/benchmarks/seed.dockerfile.mlflow" "type=local,dest=$WORK/pins-seed" --target builder

printf 'Bytes added over %s:%s (one build each, %s, same flags)\n\n' "$BASE_IMAGE" "$BASE_TAG" "$PLATFORMS"
printf '%-16s | %-48s | %-48s | %s\n' platform "dockerfile.mlflow (ours)" "seed.dockerfile.mlflow (seed)" "seed/ours"
printf '%-16s | %-48s | %-48s | %s\n' "" "layers, uncompressed B, compressed B, '*' paths" "layers, uncompressed B, compressed B, '*' paths" "uncompressed"
total_ours=0 total_seed=0
for p in ${PLATFORMS//,/ }; do
  read -r ol or op os < <(added ours "$p")
  read -r sl sr sp ss < <(added seed "$p")
  total_ours=$((total_ours + or)) total_seed=$((total_seed + sr))
  printf '%-16s | %-48s | %-48s | %sx\n' "$p" "$ol, $or, $op, $os" "$sl, $sr, $sp, $ss" "$(awk -v s="$sr" -v o="$or" 'BEGIN { printf "%.0f", s / o }')"
done
for p in ${PLATFORMS//,/ }; do
  read -r bl br bp _ < <(added ours "$p" base)
  printf '%-16s | %-48s |\n' "base $p" "$bl layers, $br uncompressed B, $bp compressed B (for scale)"
done
printf '%-16s | %-48s | %-48s |\n' "total" "$total_ours uncompressed B" "$total_seed uncompressed B"
printf '%-16s | %-48s | %-48s |\n' "build time" "$(cat "$WORK/ours.ms") ms" "$(cat "$WORK/seed.ms") ms"
printf '\nPins given: BOTO3_VERSION=%s PSYCOPG2_VERSION=%s; requirements the stand-in pip received:\n' "$BOTO3_VERSION" "$PSYCOPG2_VERSION"
for p in ${PLATFORMS//,/ }; do
  printf '%-16s | %-48s | %-48s |\n' "$p" "$(asked pins-ours "$p")" "$(asked pins-seed "$p")"
done
