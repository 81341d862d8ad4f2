#!/usr/bin/env bash
# What atomic tags cost: the seed's one `docker buildx build --push` of both platforms with all tags (tags move
# as the build finishes, platform by platform in the registry's eyes) against our DockerBuildx + Merge (each
# platform pushed on its own, then one `imagetools create` moves every tag), same Dockerfile, base, cache
# settings, provenance and SBOM, interleaved on the same machine. Needs the stack of
# ../shared/ci-recipes/docker-engine.sh (registry with auth on 127.0.0.1:5000, stand-in base pushed).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=benchmarks/registry.sh
source "$ROOT/benchmarks/registry.sh"

# Our own docker login, never the shared ~/.docker/config.json.
DOCKER_CONFIG=$(mktemp -d)
export DOCKER_CONFIG
trap 'rm -rf "$DOCKER_CONFIG"' EXIT
docker login "$REGISTRY" -u "$USER_NAME" --password-stdin <<<"$REGISTRY_PASSWORD" >/dev/null 2>&1

repository="bench-docker-$RANDOM/mlflow"
image="$REGISTRY/$repository"

function seed {
    docker buildx build --file dockerfile.mlflow --platform linux/amd64,linux/arm64 \
        --build-arg "MLFLOW_IMAGE=$BASE" --build-arg MLFLOW_VERSION=v3.1.1 \
        --tag "$image:seed" --tag "$image:seed-latest" \
        --cache-from "type=registry,ref=$image:buildcache-seed" --cache-to "type=registry,ref=$image:buildcache-seed,mode=max" \
        --provenance mode=max --sbom true --push .
}

function ours {
    ./build.sh DockerBuildx Merge --skip Checkout --push --registry "$REGISTRY" --image-name "$repository" \
        --registry-username "$USER_NAME" --platforms linux/amd64,linux/arm64 --mlflow-image "$BASE" --keep-login
}

# Warm both paths (compile the build, fill the local and registry caches), so only publishing is measured.
seed >/dev/null 2>&1
ours >/dev/null 2>&1 || { echo "DockerBuildx + Merge failed; run it by hand to see why" >&2; exit 1; }

seed_times=() our_times=()
for ((i = 0; i < RUNS; i++)); do
    seed_times+=("$(milliseconds seed)")
    our_times+=("$(milliseconds ours)")
done

seed_median=$(median "${seed_times[*]}")
our_median=$(median "${our_times[*]}")
report 66 "seed: one buildx build --push, both platforms, tags move per build" "${seed_times[*]}"
report 66 "ours: ./build.sh DockerBuildx Merge (per platform, one index step)" "${our_times[*]}"
awk -v a="$our_median" -v b="$seed_median" 'BEGIN { printf "atomic tags cost: %+.1f s per publish (%.2fx)\n", (a - b) / 1000, a / b }'
