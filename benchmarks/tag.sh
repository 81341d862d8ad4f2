#!/usr/bin/env bash
# Tag benchmark: the full rule set of every conformance case computed in process (no I/O), next to the
# floor of the JavaScript action it replaces (starting a bare node process) and a warm ./build.sh Tag run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
CORPUS="$ROOT/tests/Build.Tests/Metadata/Conformance"

dotnet build benchmarks/TagBenchmark -c Release -nodeReuse:false -v q >/dev/null
dotnet benchmarks/TagBenchmark/bin/Release/net10.0/TagBenchmark.dll "$CORPUS"

source "$ROOT/benchmarks/timing.sh"
if command -v node >/dev/null; then
    runs=()
    for _ in 1 2 3 4 5; do runs+=("$(milliseconds node -e 0)"); done
    report 50 "node -e 0 (floor of any run of the JS action)" "${runs[*]}"
fi
./build.sh --help >/dev/null 2>&1
runs=()
for _ in 1 2 3 4 5; do runs+=("$(milliseconds env -u GITHUB_ACTIONS GITHUB_API_URL=http://127.0.0.1:9 ./build.sh Tag --skip --no-logo)"); done
report 50 "./build.sh Tag --skip (warm, whole process, git)" "${runs[*]}"
