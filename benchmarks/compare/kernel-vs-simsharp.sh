#!/usr/bin/env bash
# Our kernel against Sim# on the same workloads (benchmarks/README.md, "Kernel against Sim#"), in one
# command: the CPU-time table (ours and Sim# alternating in one process, ROUNDS measured rounds each;
# the ratio of medians, and the median of the rounds' own ratios with a 95 % interval, which decides
# "met?" against the issue-17 targets), then, unless BDN=0, the BenchmarkDotNet suite (wall time, Sim#
# as baseline, so its Ratio column is ours / Sim#).
#
#   benchmarks/compare/kernel-vs-simsharp.sh                 # both (about 11 minutes on 2 cores)
#   BDN=0 benchmarks/compare/kernel-vs-simsharp.sh           # CPU table only (about 5 minutes)
#   ROUNDS=7 BDN=0 benchmarks/compare/kernel-vs-simsharp.sh  # quicker; the interval is then min-max
#   ONLY=events BDN=0 benchmarks/compare/kernel-vs-simsharp.sh
#
# Skipped when ../shared/anchors/simsharp/SimSharp.dll is absent (the suite is then not compiled).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIMSHARP=$(cd "$ROOT/.." && pwd)/shared/anchors/simsharp/SimSharp.dll
ROUNDS=${ROUNDS:-15}
BDN=${BDN:-1}
ONLY=${ONLY:-}

if [ ! -e "$SIMSHARP" ]; then
    echo "(skipped: $SIMSHARP is absent; see ../shared/anchors/README.md)"
    exit 0
fi

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load:$(uptime | sed 's/.*load average://')"
dotnet build "$ROOT/benchmarks/Simulation.Benchmarks" -c Release -v quiet -nologo >/dev/null
BENCH="$ROOT/benchmarks/Simulation.Benchmarks/bin/Release/net10.0/Simulation.Benchmarks.dll"

echo
echo "## CPU time (user + system) of one run, median of $ROUNDS rounds after 2 warm-ups"
dotnet "$BENCH" cpu-vs-simsharp "$ROUNDS" "$ONLY"

if [ "$BDN" != 0 ]; then
    echo
    echo "## BenchmarkDotNet (wall time; Ratio = ours / Sim#)"
    artifacts=$(mktemp -d)
    # From the project's folder: BenchmarkDotNet finds the project there to build its child process.
    (cd "$ROOT/benchmarks/Simulation.Benchmarks" && dotnet "$BENCH" --filter '*KernelVersusSimSharp*' --artifacts "$artifacts" >"$artifacts/log.txt" 2>&1) \
        || { tail -40 "$artifacts/log.txt"; exit 1; }
    cat "$artifacts"/results/*KernelVersusSimSharp*-report-github.md
fi
echo
echo "# finished $(date -u '+%H:%M UTC'), load:$(uptime | sed 's/.*load average://')"
