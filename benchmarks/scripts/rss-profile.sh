#!/usr/bin/env bash
# Samples the resident set size of one `sim run` every 0.1 s and prints the peak per tenth of the run,
# so a reader can see whether memory grows through a run or only fluctuates around a level.
# Usage (from the repository root, after `dotnet build -c Release Simulation.Cli`):
#   benchmarks/scripts/rss-profile.sh REPLICATIONS [extra sim run arguments...]
set -euo pipefail
replications=${1:?usage: rss-profile.sh REPLICATIONS [sim run arguments...]}
shift
out=$(mktemp -d)
samples=$(mktemp)
dotnet Simulation.Cli/bin/Release/net10.0/sim.dll run scenarios/apparel-bangladesh.yaml \
    -r "$replications" --no-report --quiet --force -o "$out/run" "$@" >/dev/null &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null >>"$samples" || true
    sleep 0.1
done
wait "$pid"
awk '{ v[NR] = $1 } END {
    n = NR; printf "%d samples; peak RSS (MB) per tenth of the run:", n
    for (t = 0; t < 10; t++) { m = 0; for (i = int(t * n / 10) + 1; i <= int((t + 1) * n / 10); i++) if (v[i] > m) m = v[i]; printf " %.0f", m / 1024 }
    print "" }' "$samples"
rm -rf "$out" "$samples"
