#!/usr/bin/env bash
# What atomic tags cost: the seed's one `docker buildx build --push` of both platforms with all tags (tags move
# as the build finishes, platform by platform in the registry's eyes) against our DockerBuildx + Merge (both
# platforms in one solve pushed under no final tag, then the index is pushed by digest and every tag moves to
# it), same Dockerfile, base, cache settings, provenance and SBOM, interleaved on the same machine: warm (RUNS
# runs each) and cold (COLD_RUNS, default RUNS). Warm, ours runs twice per round: with --force (it builds, as
# when an input changed) and as a re-run of what it already published (the inputs match: nothing is built or
# pushed). A third pair times a changed base: before each round the base's tag is moved to another image (a LABEL
# apart), and both rebuild on it; ours rebuilds because its fingerprint names the base's digest, and moves every
# tag. Needs the stack of
# bash .ci/stack (registry with auth on 127.0.0.1:5000, stand-in base pushed).
set -euo pipefail
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=benchmarks/registry.sh
source "$ROOT/benchmarks/registry.sh"

private_login

repository="bench-docker-$RANDOM/mlflow"

# seed IMAGE [buildx options]: the seed's workflow step.
function seed {
    local image=$1
    shift
    docker buildx build --file dockerfile.mlflow --platform linux/amd64,linux/arm64 \
        --build-arg "MLFLOW_IMAGE=$BASE" --build-arg MLFLOW_VERSION=v3.1.1 \
        --tag "$image:seed" --tag "$image:seed-latest" \
        --cache-from "type=registry,ref=$image:buildcache-seed" --cache-to "type=registry,ref=$image:buildcache-seed,mode=max" \
        --provenance mode=max --sbom true "$@" --push .
}

# ours REPOSITORY [build parameters]: like the seed's step, it uses the login private_login made (the seed's
# workflow logs in in a step of its own, docker/login-action, which is not timed either).
function ours {
    local name=$1
    shift
    env -u REGISTRY_PASSWORD ./build.sh DockerBuildx Merge --skip Checkout --push --registry "$REGISTRY" --image-name "$name" \
        --platforms linux/amd64,linux/arm64 --mlflow-image "$BASE" "$@"
}

# Warm both paths (compile the build, fill the local and registry caches), so only publishing is measured.
seed "$REGISTRY/$repository" >/dev/null 2>&1
ours "$repository" >/dev/null 2>&1 || { echo "DockerBuildx + Merge failed; run it by hand to see why" >&2; exit 1; }

seed_times=() our_times=() unchanged_times=()
for ((i = 0; i < RUNS; i++)); do
    seed_times+=("$(milliseconds seed "$REGISTRY/$repository")")
    our_times+=("$(milliseconds ours "$repository" --force)")
    unchanged_times+=("$(milliseconds ours "$repository")")
done

# A changed base: two images of the base a LABEL apart (new image configs and digests, the same layers), and a
# base tag of this run's own that is moved between them, untimed, before every round.
changing="$REGISTRY/bench-base-$RANDOM/mlflow"
for variant in a b; do
    printf 'FROM %s:v3.1.1\nLABEL bench.variant=%s\n' "$BASE" "$variant" |
        docker buildx build --platform linux/amd64,linux/arm64 --tag "$changing:v3.1.1-$variant" --provenance false --push - >/dev/null 2>&1
done
function base_is { docker buildx imagetools create --tag "$changing:v3.1.1" "$changing:v3.1.1-$1" >/dev/null 2>&1; }
base_is a
BASE=$changing seed "$REGISTRY/$repository-changed" >/dev/null 2>&1
BASE=$changing ours "$repository-changed" >/dev/null 2>&1
changed_seed=() changed_ours=() variant=a
for ((i = 0; i < RUNS; i++)); do
    # Each round moves the base to the other image; who runs first on it alternates (the first resolves it).
    variant=$([[ $variant == a ]] && echo b || echo a); base_is "$variant"
    if ((i % 2 == 0)); then
        changed_seed+=("$(BASE=$changing milliseconds seed "$REGISTRY/$repository-changed")")
        changed_ours+=("$(BASE=$changing milliseconds ours "$repository-changed")")
    else
        changed_ours+=("$(BASE=$changing milliseconds ours "$repository-changed")")
        changed_seed+=("$(BASE=$changing milliseconds seed "$REGISTRY/$repository-changed")")
    fi
done
# Ours rebuilt each time: its tags hold the last base it was given.
held=$(docker buildx imagetools inspect --raw "$REGISTRY/$repository-changed:main" | grep -o '"org.opencontainers.image.base.digest": *"[^"]*"' | grep -o 'sha256:[0-9a-f]*' || true)
given=$(docker buildx imagetools inspect "$changing:v3.1.1" | awk '/^Digest:/ { print $2 }')
[[ $held == "$given" ]] || echo "changed base: our tags hold base ${held:-none}, not the moved base $given (not rebuilt?)" >&2

# Cold, the same work on both sides: no build cache (--no-cache) and a repository of its own each run, so every
# step runs and every blob is uploaded.
# Nothing warms these up, so a failed run (a few hundred ms) is left out and said, not timed.
function succeeded_milliseconds {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || { echo "a cold run failed and is left out: $*" >&2; return 0; }
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
cold_seed=() cold_ours=()
for ((i = 0; i < ${COLD_RUNS:-$RUNS}; i++)); do
    time=$(succeeded_milliseconds seed "$REGISTRY/bench-cold-seed-$RANDOM$i/mlflow" --no-cache)
    if [[ -n $time ]]; then cold_seed+=("$time"); fi
    time=$(succeeded_milliseconds ours "bench-cold-ours-$RANDOM$i/mlflow" --no-cache)
    if [[ -n $time ]]; then cold_ours+=("$time"); fi
done

function ratio { awk -v a="$(median "$1")" -v b="$(median "$2")" 'BEGIN { printf "%+.1f s per publish (%.2fx)", (a - b) / 1000, a / b }'; }
echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
report 66 "warm seed: one buildx build --push, both platforms, tags move per build" "${seed_times[*]}"
report 66 "warm ours: ./build.sh DockerBuildx Merge --force (one solve, one index step)" "${our_times[*]}"
report 66 "unchanged ours: the same commit and base again (nothing built or pushed)" "${unchanged_times[*]}"
report 66 "changed base, seed: buildx build --push on the moved base" "${changed_seed[*]}"
report 66 "changed base, ours: ./build.sh DockerBuildx Merge (rebuilds, moves every tag)" "${changed_ours[*]}"
report 66 "cold seed (--no-cache, new repository)" "${cold_seed[*]}"
report 66 "cold ours (--no-cache, new repository)" "${cold_ours[*]}"
echo "atomic tags cost, warm: $(ratio "${our_times[*]}" "${seed_times[*]}"); cold: $(ratio "${cold_ours[*]}" "${cold_seed[*]}")"
echo "unchanged inputs against the seed's warm rebuild: $(ratio "${unchanged_times[*]}" "${seed_times[*]}")"
echo "changed base against the seed on a changed base: $(ratio "${changed_ours[*]}" "${changed_seed[*]}")"
