#!/usr/bin/env bash
# Bootstrap (NUKE's layout): runs the compiled build directly when nothing it is compiled from has changed
# since the last compile, otherwise compiles it first (under a lock: several runs may start at once).
set -eo pipefail
case "${BASH_SOURCE[0]}" in */*) SCRIPT_DIR="${BASH_SOURCE[0]%/*}" ;; *) SCRIPT_DIR=. ;; esac
SCRIPT_DIR=$(cd "$SCRIPT_DIR" && pwd)

###########################################################################
# CONFIGURATION
###########################################################################

BUILD_PROJECT_FILE="$SCRIPT_DIR/build/_build.csproj"
TEMP_DIRECTORY="$SCRIPT_DIR/.nuke/temp"

DOTNET_GLOBAL_FILE="$SCRIPT_DIR/global.json"
DOTNET_INSTALL_URL="https://dot.net/v1/dotnet-install.sh"
DOTNET_CHANNEL="STS"

###########################################################################
# EXECUTION
###########################################################################

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# Published ReadyToRun by compile (below); the tests' `dotnet build` writes build/bin/Debug and leaves it alone.
BUILD_ASSEMBLY="$SCRIPT_DIR/build/bin/ReadyToRun/_build.dll"
STAMP_FILE="$TEMP_DIRECTORY/build.stamp"
[[ -d "$TEMP_DIRECTORY" ]] || mkdir -p "$TEMP_DIRECTORY"

# What the build is compiled from: the list of its files (catches added and deleted ones); edits are
# caught by comparing each file's time with the stamp's, which is taken before each compile starts.
function sources {
    cd "$SCRIPT_DIR" && find build global.json \( -name bin -o -name obj \) -prune -o -type f \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name 'global.json' \) -print | LC_ALL=C sort
}

# The sources' contents, hashed: a fresh checkout (a CI job restoring the compiled build from its cache) has
# newer file times than the stamp but the same contents, and must not compile again.
function content_hash {
    local hasher=(sha256sum)
    command -v sha256sum &>/dev/null || hasher=(shasum -a 256)
    (cd "$SCRIPT_DIR" && sources | tr '\n' '\0' | xargs -0 "${hasher[@]}" | "${hasher[@]}" | cut -c1-64)
}

function is_current {
    [[ -f "$BUILD_ASSEMBLY" && -f "$STAMP_FILE" ]] || return 1
    local current file
    current=$(sources)
    [[ "$current" == "$(<"$STAMP_FILE")" ]] || return 1
    while IFS= read -r file; do
        if [[ "$SCRIPT_DIR/$file" -nt "$STAMP_FILE" ]]; then
            [[ -f "$STAMP_FILE.sha256" && "$(content_hash)" == "$(<"$STAMP_FILE.sha256")" ]] || return 1
            touch "$STAMP_FILE"
            return 0
        fi
    done <<<"$current"
    return 0
}

function find_dotnet {
    if [[ -x "$TEMP_DIRECTORY/dotnet-unix/dotnet" ]]; then
        export DOTNET_EXE="$TEMP_DIRECTORY/dotnet-unix/dotnet"
    elif [[ -x "$(command -v dotnet)" ]] && dotnet --version &>/dev/null; then
        DOTNET_EXE="$(command -v dotnet)"
        export DOTNET_EXE
    else
        # No fitting SDK (none, or not the one global.json pins): install one privately into .nuke/temp.
        local install_file="$TEMP_DIRECTORY/dotnet-install.sh" version
        curl -Lsfo "$install_file" "$DOTNET_INSTALL_URL"
        chmod +x "$install_file"
        version=$(sed -nE 's/.*"version"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/p' "$DOTNET_GLOBAL_FILE" 2>/dev/null | head -1)
        if [[ -n "$version" ]]; then
            "$install_file" --install-dir "$TEMP_DIRECTORY/dotnet-unix" --version "$version" --no-path
        else
            "$install_file" --install-dir "$TEMP_DIRECTORY/dotnet-unix" --channel "$DOTNET_CHANNEL" --no-path
        fi
        export DOTNET_EXE="$TEMP_DIRECTORY/dotnet-unix/dotnet"
    fi
    PATH="$(dirname "$DOTNET_EXE"):$PATH"
    export PATH
}

function compile {
    find_dotnet
    echo "build.sh: compiling $BUILD_PROJECT_FILE (.NET SDK $("$DOTNET_EXE" --version))" >&2
    local stamp="$STAMP_FILE.$$"
    sources > "$stamp"
    content_hash > "$stamp.sha256"
    # A first compile takes half a minute: a line every 5 seconds says it is still going (and stops with this script).
    local ticker
    ( elapsed=0; while sleep 5 && kill -0 $$ 2>/dev/null; do elapsed=$((elapsed + 5)); echo "build.sh: still compiling (${elapsed}s) ..." >&2; done ) &
    ticker=$!
    # MSBuild's output only matters when the compile fails.
    # Published ReadyToRun (compiled ahead of time for this machine) into build/bin/ReadyToRun: no JIT at each start.
    if ! "$DOTNET_EXE" publish "$BUILD_PROJECT_FILE" -c Debug -p:CompileReadyToRun=true /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet > "$stamp.log" 2>&1; then
        kill "$ticker" 2>/dev/null || true
        cat "$stamp.log" >&2
        rm -f "$stamp" "$stamp.log" "$stamp.sha256"
        exit 1
    fi
    kill "$ticker" 2>/dev/null || true
    wait "$ticker" 2>/dev/null || true
    echo "build.sh: compiled" >&2
    rm -f "$stamp.log"
    mv "$stamp.sha256" "$STAMP_FILE.sha256"
    mv "$stamp" "$STAMP_FILE"
}

if ! is_current; then
    if command -v flock &>/dev/null; then
        ( flock 9; is_current || compile ) 9>"$TEMP_DIRECTORY/build.lock"
    else
        compile
    fi
fi

# As in NUKE, DOTNET_EXE tells the build which dotnet to use for tools.
if [[ -x "$TEMP_DIRECTORY/dotnet-unix/dotnet" ]]; then
    export DOTNET_EXE="$TEMP_DIRECTORY/dotnet-unix/dotnet"
else
    DOTNET_EXE="$(command -v dotnet)"
    export DOTNET_EXE
fi
exec "$DOTNET_EXE" "$BUILD_ASSEMBLY" "$@"
