#!/usr/bin/env bash
# One BuildKit solve for both platforms of a runner against one solve per platform run concurrently (what
# DockerBuildx did before), each pushed under a tag with the same cache, provenance and SBOM settings, warm
# cache, interleaved. DockerBuildx builds all platforms of one runner in the faster way. Needs the stack of
# .ci/stack (registry with auth on 127.0.0.1:5000, stand-in base pushed).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=benchmarks/registry.sh
source "$ROOT/benchmarks/registry.sh"

private_login

image="$REGISTRY/bench-solves-$RANDOM/mlflow"

function build {
    local platform=$1 name=$2
    docker buildx build --file dockerfile.mlflow --platform "$platform" \
        --build-arg "MLFLOW_IMAGE=$BASE" --build-arg MLFLOW_VERSION=v3.1.1 --tag "$image:$name" \
        --cache-from "type=registry,ref=$image:buildcache-$name" --cache-to "type=registry,ref=$image:buildcache-$name,mode=max" \
        --provenance mode=max --sbom true --push .
}

function one_solve { build linux/amd64,linux/arm64 both; }

function per_platform {
    build linux/amd64 amd64 & local amd64=$!
    build linux/arm64 arm64 & local arm64=$!
    wait "$amd64" && wait "$arm64"
}

if ! one_solve >/dev/null 2>&1 || ! per_platform >/dev/null 2>&1; then
    echo "a warm-up build failed; run it by hand to see why" >&2
    exit 1
fi

one_times=() per_times=()
for ((i = 0; i < RUNS; i++)); do
    one_times+=("$(milliseconds one_solve)")
    per_times+=("$(milliseconds per_platform)")
done
report 58 "one solve: --platform linux/amd64,linux/arm64" "${one_times[*]}"
report 58 "one solve per platform, both at once" "${per_times[*]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
