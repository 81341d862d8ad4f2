# shellcheck shell=bash
# Shared by the benchmarks that publish (source it after setting ROOT): the local registry of the Docker stack
# (.ci/stack: htpasswd user ci on 127.0.0.1:5000, stand-in base pushed), the run count, and timing.sh.
# shellcheck disable=SC2034 # RUNS, USER_NAME and BASE are for the scripts that source this file
RUNS=${RUNS:-3}
REGISTRY=${REGISTRY:-127.0.0.1:5000}
export REGISTRY_PASSWORD=${REGISTRY_PASSWORD:-ci-registry-pass}
USER_NAME=${REGISTRY_USER:-ci}
BASE=${BASE:-$REGISTRY/stand-in/mlflow}
cd "$ROOT" || exit
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
# shellcheck source=benchmarks/timing.sh
source "$ROOT/benchmarks/timing.sh"

# Logs in to the registry in a docker config of the script's own (removed on exit), never the shared ~/.docker/config.json.
function private_login {
    DOCKER_CONFIG=$(mktemp -d)
    export DOCKER_CONFIG
    trap 'rm -rf "$DOCKER_CONFIG"' EXIT
    docker login "$REGISTRY" -u "$USER_NAME" --password-stdin <<<"$REGISTRY_PASSWORD" >/dev/null 2>&1
}
