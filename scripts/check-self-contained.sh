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
# As root, hide every .NET installation in a private mount namespace, as on a node that never had one.
hide=""
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  for d in /usr/share/dotnet /usr/lib/dotnet /opt/dotnet "$HOME/.dotnet"; do
    [ -d "$d" ] && hide="$hide mount -t tmpfs none $d;"
  done
fi
clean() { unshare -m sh -c "$hide exec env -i PATH=/usr/bin:/bin HOME=$scratch/home \"\$@\"" sh "$@"; }
if clean sh -c 'command -v dotnet && dotnet --version' >/dev/null 2>&1; then
  echo "dotnet still runs in the clean environment; this check needs one without it" >&2
  exit 1
fi
clean ./sim/sim run quickstart.yaml --replications 4 --out runs/quick --threads 2 --no-report -q
clean ./sim/sim validate quickstart.yaml
test -f runs/quick/kpis.parquet && test -f runs/quick/manifest.json
echo "self-contained build ran the quickstart with no dotnet (hidden:${hide:- none}): $(ls runs/quick | tr '\n' ' ')"
