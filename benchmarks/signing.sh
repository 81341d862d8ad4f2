#!/usr/bin/env bash
# What signing adds to a warm local publish: ./build.sh DockerBuildx Merge with and without --cosign-key
# (sign the index and both platforms, attest the index, verify it all before the tags move), interleaved on the
# same machine, and ./build.sh Verify on the result. Needs the stack of bash .ci/stack
# (registry with auth on 127.0.0.1:5000, stand-in base pushed) and cosign (.ci/stack installs it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=benchmarks/registry.sh
source "$ROOT/benchmarks/registry.sh"

# Our own docker login and key pair, never the shared ~/.docker/config.json.
WORK=$(mktemp -d)
export DOCKER_CONFIG="$WORK/docker"
mkdir -p "$DOCKER_CONFIG"
trap 'rm -rf "$WORK"' EXIT
docker login "$REGISTRY" -u "$USER_NAME" --password-stdin <<<"$REGISTRY_PASSWORD" >/dev/null 2>&1
export COSIGN_PASSWORD=bench-key-pass
(cd "$WORK" && cosign generate-key-pair >/dev/null 2>&1)

repository="bench-sign-$RANDOM/mlflow"

function publish {
    ./build.sh DockerBuildx Merge --skip Checkout --push --registry "$REGISTRY" --image-name "$repository" \
        --registry-username "$USER_NAME" --platforms linux/amd64,linux/arm64 --mlflow-image "$BASE" --keep-login --tags type=raw,value=bench "$@"
}
function unsigned { publish --sign false; }
function signed { publish --cosign-key "$WORK/cosign.key"; }
function verify { ./build.sh Verify --image "$REGISTRY/$repository:bench" --cosign-public-key "$WORK/cosign.pub"; }

# Warm up (compile the build, fill the caches) and check each path works.
unsigned >/dev/null 2>&1 || { echo "unsigned publish failed; run it by hand to see why" >&2; exit 1; }
signed >/dev/null 2>&1 || { echo "signed publish failed; run it by hand to see why" >&2; exit 1; }
verify >/dev/null 2>&1 || { echo "Verify failed; run it by hand to see why" >&2; exit 1; }

unsigned_times=() signed_times=() verify_times=()
for ((i = 0; i < RUNS; i++)); do
    unsigned_times+=("$(milliseconds unsigned)")
    signed_times+=("$(milliseconds signed)")
    verify_times+=("$(milliseconds verify)")
done

report 60 "publish, unsigned (--sign false)" "${unsigned_times[*]}"
report 60 "publish, signed + attested + verified (--cosign-key)" "${signed_times[*]}"
report 60 "./build.sh Verify on the published tag" "${verify_times[*]}"
awk -v a="$(median "${signed_times[*]}")" -v b="$(median "${unsigned_times[*]}")" \
    'BEGIN { printf "signing and verification add: %+.1f s per publish (goal: under 3 s)\n", (a - b) / 1000 }'
