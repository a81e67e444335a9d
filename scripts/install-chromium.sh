#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the report's browser test (Simulation.Tests,
# ReportBrowserTests). Uses only the Debian package registry, which developers' machines and CI
# reach; needs root (as on those machines) or sudo, and waits for another apt run to finish
# (scripts/apt-install.sh). Does nothing when Chromium is already there.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  echo "chromium is installed: $(command -v chromium)"
  exit 0
fi

bash "$(dirname "$0")/apt-install.sh" chromium
echo "chromium installed: $(command -v chromium)"
