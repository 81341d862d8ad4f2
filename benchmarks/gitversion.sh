#!/usr/bin/env bash
# GitVersion cost benchmark: NUKE's [GitVersion] runs the engine on every build invocation; here it runs only
# for Checkout and for tag rules naming {{gitversion.*}}. Interleaved warm runs of
#   ./build.sh Tag (the seed's rules: GitVersion never starts)
#   ./build.sh Tag with a {{gitversion.semver}} rule (one GitVersion run)
#   the GitVersion engine alone (what every NUKE invocation with [GitVersion] pays, whatever the target)
# and prints each median.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-7}
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
unset GITHUB_ACTIONS
GITVERSION_DLL=${GITVERSION_EXE:-${NUGET_PACKAGES:-$HOME/.nuget/packages}/gitversion.msbuild/6.8.2/tools/net10.0/gitversion.dll}

source "$ROOT/benchmarks/timing.sh"

plain=(./build.sh Tag --images img --no-logo)
templated=(./build.sh Tag --images img --no-logo --tags 'type=raw,value={{gitversion.semver}}')
engine=(dotnet "$GITVERSION_DLL" "$ROOT" /output json /nofetch /nocache)

"${plain[@]}" >/dev/null 2>&1 # compile once if needed, so only runs are measured

a=() b=() c=()
for ((i = 0; i < RUNS; i++)); do
    a+=("$(milliseconds "${plain[@]}")")
    b+=("$(milliseconds "${templated[@]}")")
    c+=("$(milliseconds "${engine[@]}")")
done

report 62 "./build.sh Tag, seed rules (no GitVersion)" "${a[*]}"
report 62 "./build.sh Tag, {{gitversion.semver}} rule (one GitVersion run)" "${b[*]}"
report 62 "GitVersion alone (NUKE's [GitVersion] cost on every call)" "${c[*]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
