#!/usr/bin/env bash
# Starts 4 shard processes at once into one shared folder, merges, and compares the dataset's bytes
# with one process running the whole sweep; repeats TRIALS times (default 10). Prints one line per
# trial and a summary; exits 1 if any shard failed or any byte differed.
# Usage: bash scripts/shard-trials.sh [trials] [sim command]   e.g. bash scripts/shard-trials.sh 10 dist/sim-linux-x64/sim
set -uo pipefail
cd "$(dirname "$0")/.."
trials=${1:-10}
sim=${2:-}
if [ -z "$sim" ]; then
  dotnet build Simulation.Cli -c Release -v quiet -nologo >/dev/null || exit 1
  sim="dotnet Simulation.Cli/bin/Release/net10.0/sim.dll"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp scripts/data/shard-check.yaml "$work/design.yaml"
sed -i "s|^scenario: .*|scenario: $PWD/scenarios/quickstart.yaml|" "$work/design.yaml"
$sim sweep "$work/design.yaml" --out "$work/single" --threads 1 -q >/dev/null || exit 1
failures=0
differences=0
for t in $(seq 1 "$trials"); do
  out="$work/shared-$t"
  pids=()
  for i in 0 1 2 3; do
    $sim sweep "$work/design.yaml" --out "$out" --shard "$i/4" --threads 1 -q >"$work/shard-$t-$i.log" 2>&1 &
    pids+=($!)
  done
  failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  failures=$((failures + failed))
  $sim merge "$out" -q >/dev/null 2>"$work/merge-$t.log" || failed=$((failed + 1))
  same=yes
  for f in sweep.parquet points.parquet sweep.json; do
    cmp -s "$work/single/$f" "$out/$f" || same=no
  done
  [ "$same" = yes ] || differences=$((differences + 1))
  echo "trial $t: failed shards $failed, merged bytes identical: $same"
done
echo "$trials trials x 4 shards: $failures failed shard processes, $differences trials with different bytes"
[ "$failures" -eq 0 ] && [ "$differences" -eq 0 ]
