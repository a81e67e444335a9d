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

export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "chromium installed: $(command -v chromium)"
