#!/usr/bin/env bash
# Startup benchmark: a warm `./build.sh --help` (runs the compiled build directly) against
# `dotnet run --project build/_build.csproj -- --help` (what NUKE's bootstrap does on every call),
# interleaved in the same run on the same machine; prints both medians and the ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-7}
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

source "$ROOT/benchmarks/timing.sh"

# Warm both paths first: compile once, so only startup is measured.
./build.sh --help >/dev/null 2>&1
dotnet run --project build/_build.csproj -- --help >/dev/null 2>&1

script=() run=()
for ((i = 0; i < RUNS; i++)); do
    script+=("$(milliseconds ./build.sh --help)")
    run+=("$(milliseconds dotnet run --project build/_build.csproj -- --help)")
done

script_median=$(median "${script[*]}")
run_median=$(median "${run[*]}")
report 58 "./build.sh --help (warm)" "${script[*]}"
report 58 "dotnet run --project build/_build.csproj -- --help" "${run[*]}"
awk -v a="$run_median" -v b="$script_median" 'BEGIN { printf "ratio: %.1fx faster (goal: >= 5x and < 500 ms)\n", a / b }'
