#!/usr/bin/env bash
# Reproducible digests: builds this commit twice from an empty cache (--no-cache, fresh repositories) with
# `./build.sh DockerBuildx Merge` and prints each platform's image manifest digest side by side. Provenance
# attestations differ by design, so the index digests are not compared. Two bases: a copy of the stand-in
# completed as real bases are (/dev, /proc, /sys, /etc/hosts present), and the bare shared stand-in (it lacks
# them, so the runtime's mount points enter our layer with the build's time). Needs the stack of
# bash .ci/stack (registry with auth on 127.0.0.1:5000, stand-in base pushed).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=benchmarks/registry.sh
source "$ROOT/benchmarks/registry.sh"
STAND_IN=$REGISTRY/stand-in/mlflow:v3.1.1
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Our own docker login, never the shared ~/.docker/config.json.
DOCKER_CONFIG=$(mktemp -d)
export DOCKER_CONFIG
work=$(mktemp -d)
trap 'rm -rf "$DOCKER_CONFIG" "$work"' EXIT
docker login "$REGISTRY" -u "$USER_NAME" --password-stdin <<<"$REGISTRY_PASSWORD" >/dev/null 2>&1
run=bench-repro-$RANDOM$RANDOM

# The completed base: one RUN on the stand-in leaves the mount points in a base layer.
printf 'FROM %s\nRUN touch /etc/hostname\n' "$STAND_IN" >"$work/Dockerfile"
docker buildx build --platform linux/amd64,linux/arm64 --provenance false --tag "$REGISTRY/$run-base/mlflow:v3.1.1" --push "$work" >/dev/null 2>&1

function build { # build BASE_IMAGE REPOSITORY: prints "platform digest" lines of the pushed index
    ./build.sh DockerBuildx Merge --skip Checkout --push --registry "$REGISTRY" --image-name "$2" --registry-username "$USER_NAME" \
        --platforms linux/amd64,linux/arm64 --mlflow-image "$1" --mlflow-version v3.1.1 --no-cache --tags type=raw,value=repro \
        >"$work/${2//\//-}.log" 2>&1 || { tail -5 "$work/${2//\//-}.log" >&2; exit 1; }
    docker buildx imagetools inspect --raw "$REGISTRY/$2:repro" | python3 -c '
import json, sys
for m in json.load(sys.stdin)["manifests"]:
    p = m.get("platform", {})
    if p.get("os") != "unknown": print(p["os"] + "/" + p["architecture"], m["digest"])'
}

echo "commit $(git rev-parse --short HEAD), SOURCE_DATE_EPOCH=$(git log -1 --format=%ct HEAD) (commit time), empty cache each build"
for base in "$REGISTRY/$run-base/mlflow" "$REGISTRY/stand-in/mlflow"; do
    first=$(build "$base" "$run-a$RANDOM/mlflow")
    second=$(build "$base" "$run-b$RANDOM/mlflow")
    echo "base ${base#"$REGISTRY"/}:"
    join <(sort <<<"$first") <(sort <<<"$second") | while read -r platform a b; do
        printf '  %-12s %s  %s  %s\n' "$platform" "${a:7:19}" "${b:7:19}" "$([ "$a" = "$b" ] && echo identical || echo DIFFERENT)"
    done
done
