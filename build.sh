#!/usr/bin/env bash
# Skeleton bootstrap (the engine work replaces it with the cached fast path).
set -eo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dotnet run --project "$SCRIPT_DIR/build/_build.csproj" -- "$@"
