#!/usr/bin/env bash
# Builds a self-contained linux-x64 sim, natively compiled (Simulation.Cli.csproj: PublishAot for a
# runtime): no .NET runtime needed, so it runs on a cluster node or in a container with no .NET installed.
# The native compiler needs clang and zlib1g-dev (apt-get install -y clang zlib1g-dev).
# Output: dist/sim-linux-x64/ (run dist/sim-linux-x64/sim) and dist/sim-linux-x64.tar.gz.
# Usage: bash scripts/publish-linux-x64.sh [output-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist/sim-linux-x64}
command -v clang >/dev/null || { echo "the native compiler needs clang and zlib1g-dev: apt-get install -y clang zlib1g-dev" >&2; exit 1; }
rm -rf "$out"
dotnet publish Simulation.Cli/Simulation.Cli.csproj -c Release -r linux-x64 --self-contained true \
  -p:DebugType=none -o "$out"
# No debug symbols or API docs in a runtime build.
find "$out" \( -name "*.pdb" -o -name "*.xml" -o -name "*.dbg" \) -delete
tar -C "$(dirname "$out")" -czf "$out.tar.gz" "$(basename "$out")"
du -sh "$out" "$out.tar.gz"
