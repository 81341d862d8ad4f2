# shellcheck shell=bash
# Helpers every part of .ci/stack uses (sourced). CHANGES and STARTED collect what this run did.
CHANGES=(); STARTED=(); CLEANUP=()
trap 'rm -rf "${CLEANUP[@]}"' EXIT
T0=${EPOCHREALTIME/./}
log() { local us=$(( ${EPOCHREALTIME/./} - T0 )); printf '[stack %d.%ds] %s\n' $((us / 1000000)) $((us % 1000000 / 100000)) "$*" >&2; }
fail() { echo ".ci/stack: $*" >&2; exit 1; }
changed() { CHANGES+=("$*"); }
joined() { local first=$1; shift; printf '%s' "$first" "${@/#/; }"; }

# Root for packages and dockerd; sudo where the user is not root (GitHub's runners have password-less sudo).
if [ "$(id -u)" = 0 ]; then as_root() { "$@"; }
elif command -v sudo >/dev/null; then as_root() { sudo -n "$@"; }
else as_root() { fail "needs root for: $* (run as root or install sudo)"; }
fi

# The Debian/Ubuntu mirror this machine's apt already uses (deb822 or one-line sources).
apt_mirror() {
  local m
  m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$m" ] || fail "no apt mirror found in /etc/apt (sources.list.d/*.sources or sources.list)"
  echo "$m"
}

installed_version() { dpkg-query -W -f='${Status} ${Version}\n' "$1" 2>/dev/null | awk '/install ok installed/{print $4}'; }

APT_UPDATED=0
# apt-get install of the named packages; services they ship are not started (nothing here has an init system to ask).
apt_install() {
  command -v apt-get >/dev/null || fail "apt-get is missing: install $* yourself"
  local policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ] && [ ! -d /run/systemd/system ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null; as_root chmod 755 /usr/sbin/policy-rc.d; policy_added=1
  fi
  log "apt-get install ${*##*/}"
  [ $APT_UPDATED = 1 ] || { as_root apt-get update -qq; APT_UPDATED=1; }
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >"$STATE/apt-install.log" 2>&1; then
    tail -20 "$STATE/apt-install.log" >&2; [ $policy_added = 0 ] || as_root rm -f /usr/sbin/policy-rc.d; fail "apt-get install ${*##*/} failed"
  fi
  [ $policy_added = 0 ] || as_root rm -f /usr/sbin/policy-rc.d
  changed "installed ${*##*/}"
}

# Runs apt-get against a private state for another suite (e.g. trixie on bookworm): /etc/apt stays as it is.
# Never `apt-get -t trixie install`: that would pull trixie's libc6 and half the system.
suite_download() { # $1 = suite, $2 = directory, rest = packages (pkg or pkg:arch)
  local suite=$1 into=$2; shift 2
  local dir="$STATE/apt-$suite"
  mkdir -p "$dir/lists/partial" "$into"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(apt_mirror) $suite main" >"$dir/sources.list"
  local options=(-o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$dir/lists"
    -o APT::Sandbox::User=root -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false -o Acquire::Languages=none
    -o APT::Architectures="${APT_ARCHES:-amd64}")
  [ -n "$(find "$dir/lists" -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ] || apt-get "${options[@]}" update -qq
  (cd "$into" && apt-get "${options[@]}" download -qq "$@")
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$@" || true; }
