#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the report's browser test (Simulation.Tests,
# ReportBrowserTests). Uses only the Debian package registry, which developers' machines and CI
# reach; needs root (as on those machines) or sudo. Does nothing when Chromium is already there.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  echo "chromium is installed: $(command -v chromium)"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo -n"  # never wait for a password (tests and CI have no terminal)
fi

# Another apt or dpkg run (a parallel install, unattended upgrades on a fresh machine) may hold apt's
# locks for a while: wait for it instead of failing the tests at once. The install waits on the dpkg
# lock by itself (DPkg::Lock::Timeout); apt-get update does not honour that option for its lists lock,
# so it is retried, but only while the lock is what stops it.
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
$sudo apt-get -o DPkg::Lock::Timeout=$lock_wait_s install -y -qq --no-install-recommends chromium >/dev/null
echo "chromium installed: $(command -v chromium)"
