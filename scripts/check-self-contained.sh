#!/usr/bin/env bash
# Proves the self-contained build runs the quickstart where no .NET exists: a clean environment
# (env -i, PATH=/usr/bin:/bin, no DOTNET_* variables, HOME in a scratch folder) and the build copied to a
# folder away from the repository. Usage: bash scripts/check-self-contained.sh [build-folder]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-dist/sim-linux-x64}
[ -x "$build/sim" ] || bash scripts/publish-linux-x64.sh "$build"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r "$build" "$scratch/sim"
cp scenarios/quickstart.yaml scenarios/quickstart-suppliers.csv "$scratch/"
mkdir "$scratch/home"
cd "$scratch"
if env -i PATH=/usr/bin:/bin HOME="$scratch/home" sh -c 'command -v dotnet' >/dev/null; then
  echo "dotnet is on the clean PATH; this check needs a PATH without it" >&2
  exit 1
fi
env -i PATH=/usr/bin:/bin HOME="$scratch/home" ./sim/sim run quickstart.yaml --replications 4 --out runs/quick --threads 2 --no-report -q
env -i PATH=/usr/bin:/bin HOME="$scratch/home" ./sim/sim validate quickstart.yaml
test -f runs/quick/kpis.parquet && test -f runs/quick/manifest.json
echo "self-contained build ran the quickstart without dotnet: $(ls runs/quick | tr '\n' ' ')"
