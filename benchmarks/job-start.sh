#!/usr/bin/env bash
# A GitHub Actions job of the generated workflow, simulated on this machine: time from `./build.cmd Checkout`
# to the first target's header, in a fresh clone,
#   (a) cold: empty NuGet folder and no compiled build (a cache miss, or a workflow without the cache), and
#   (b) cached: the paths of the workflow's "build-cache" step restored (read from the generated file, unpacked
#       with their times kept, as actions/cache does) into a new clone whose files are newer, NuGet folder empty.
# Usage: bash benchmarks/job-start.sh [cold runs (default 3)] [cached runs (default 7)]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=benchmarks/timing.sh
source "$ROOT/benchmarks/timing.sh"
COLD_RUNS=${1:-3}
CACHED_RUNS=${2:-7}
WORKFLOW="$ROOT/.github/workflows/mlflow-image-publish.yml"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset GITHUB_ACTIONS

# The first job's build-cache paths, as the generated workflow lists them.
mapfile -t CACHE_PATHS < <(awk '
    /id: build-cache/ { found = 1 }
    found && /path: \|/ { reading = 1; next }
    reading && /^ *(key|restore-keys):/ { exit }
    reading { sub(/^ +/, ""); print }' "$WORKFLOW")
[[ ${#CACHE_PATHS[@]} -gt 0 ]] || { echo "job-start: no build-cache step in $WORKFLOW" >&2; exit 1; }

# Milliseconds from the start of the command to the first target header ("║ <Target>").
function first_target_ms {
    local start line at=""
    start=$(date +%s%N)
    while IFS= read -r line; do
        [[ -z "$at" && "$line" == "║ "* ]] && at=$(date +%s%N)
    done < <("$@" 2>&1)
    [[ -n "$at" ]] || { echo "job-start: no target started: $*" >&2; exit 1; }
    echo $(((at - start) / 1000000))
}

function fresh_clone {
    rm -rf "$1"
    git clone -q "$ROOT" "$1"
}

cold=() cached=()
for ((run = 1; run <= COLD_RUNS; run++)); do
    fresh_clone "$WORK/cold"
    rm -rf "$WORK/nuget" && mkdir -p "$WORK/nuget"
    cold+=("$(cd "$WORK/cold" && NUGET_PACKAGES="$WORK/nuget" first_target_ms ./build.cmd Checkout --no-logo)")
done
packages=$(du -sm "$WORK/nuget" | cut -f1)
# What the job saves (the cold run's compiled build), as actions/cache packs it: a tar that keeps file times.
(cd "$WORK/cold" && tar -cf "$WORK/cache.tar" "${CACHE_PATHS[@]}")
cache_size=$(du -sm "$WORK/cache.tar" | cut -f1)

for ((run = 1; run <= CACHED_RUNS; run++)); do
    fresh_clone "$WORK/cached"
    tar -xf "$WORK/cache.tar" -C "$WORK/cached"
    rm -rf "$WORK/no-nuget" && mkdir -p "$WORK/no-nuget"
    cached+=("$(cd "$WORK/cached" && NUGET_PACKAGES="$WORK/no-nuget" first_target_ms ./build.cmd Checkout --no-logo)")
done

echo "Job start to the first target, fresh clone, $(nproc) cores (cache paths: ${CACHE_PATHS[*]}):"
report 44 "(a) cold: restore ${packages} MB of packages + compile" "${cold[*]}"
report 44 "(b) cached: ${cache_size} MB restored, no compile" "${cached[*]}"
