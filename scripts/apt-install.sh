#!/usr/bin/env bash
# Installs Debian packages for the project's checks: scripts/install-chromium.sh (the browser tests) and
# scripts/slurm-check.sh. Needs root, or sudo without a password (tests and CI have no terminal).
#
#   bash scripts/apt-install.sh PACKAGE...
#
# Another apt or dpkg run (a parallel install, unattended upgrades on a fresh machine) may hold apt's
# locks for a while: this waits for it, up to 5 minutes, instead of failing at once. The install waits
# on the dpkg lock by itself (DPkg::Lock::Timeout); apt-get update does not honour that option for its
# lists lock, so it is retried, but only while the lock is what stops it.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: apt-install.sh PACKAGE..." >&2; exit 2; }

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo -n"
fi
lock_wait_s=300

update_package_lists() {
  local out waited=0
  while ! out=$($sudo apt-get update -qq 2>&1); do
    if [[ $out != *"Could not get lock"* ]] || [ "$waited" -ge "$lock_wait_s" ]; then
      printf '%s\n' "$out" >&2
      return 100
    fi
    sleep 5
    waited=$((waited + 5))
  done
}

export DEBIAN_FRONTEND=noninteractive
update_package_lists
$sudo apt-get -o DPkg::Lock::Timeout=$lock_wait_s install -y -qq --no-install-recommends "$@" >/dev/null
