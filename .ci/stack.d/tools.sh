# shellcheck shell=bash
# What the tests run besides Docker (sourced by .ci/stack): cosign 2.5, yamllint and shellcheck for the workflow
# lint, PowerShell for build.ps1 (a local dotnet tool). node >= 20 and npm are expected (the workflow lint uses them).
ensure_cosign() {
  if command -v cosign >/dev/null; then log "cosign $(installed_version cosign || true) at $(command -v cosign)"; return 0; fi
  . /etc/os-release
  if [ "${VERSION_CODENAME:-}" = bookworm ]; then # Debian 12 has no cosign; trixie's 2.5.0 is one static binary
    local debs="$STATE/debs-cosign"; rm -rf "$debs"
    suite_download trixie "$debs" cosign
    apt_install "$debs"/cosign_*.deb
  elif apt-cache show cosign >/dev/null 2>&1; then apt_install cosign
  else fail "cosign is missing: install cosign 2.5 (GitHub Actions: sigstore/cosign-installer with cosign-release v2.5.0)"
  fi
}

ensure_tools() {
  ensure_cosign
  local missing=()
  for tool in yamllint shellcheck; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  command -v node >/dev/null && command -v npm >/dev/null ||
    log "NOTE: node and npm are missing: the workflow lint tests need node >= 20 (e.g. apt-get install nodejs npm)"
  if command -v dotnet >/dev/null; then (cd "$ROOT" && dotnet tool restore >/dev/null) || fail "dotnet tool restore failed (PowerShell for build.ps1)"
  else log "NOTE: no dotnet on PATH: the tests need the .NET SDK global.json names (./build.sh installs one into .nuke/temp)"
  fi
}
