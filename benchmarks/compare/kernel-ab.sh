#!/usr/bin/env bash
# Our kernel at another commit (A) against the working tree (B), on the side-by-side workloads
# (benchmarks/README.md, "Kernel against Sim#"): both builds loaded into one process and run
# alternately, ROUNDS measured rounds after 2 warm-ups, so that the host's slow and fast spells fall on
# both. Prints, per workload, each build's median CPU ms and the paired ratio B / A with a 95 %
# interval; "B faster" or "B slower" only when the whole interval is on one side of 1. Fails when the
# two builds' model outputs differ (a kernel change may only change how fast the same events fire).
#
#   benchmarks/compare/kernel-ab.sh main                            # every workload, 15 rounds
#   ROUNDS=21 benchmarks/compare/kernel-ab.sh HEAD~1 "timeouts 100000p" "M/M/1 600k"
#
# A is built from a temporary worktree of the commit; B is the working tree as it is, uncommitted
# changes included. Skipped when ../shared/anchors/simsharp/SimSharp.dll is absent (the workloads are
# compiled only beside Sim#). Both sides are ours: Sim# itself is not run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIMSHARP=$(cd "$ROOT/.." && pwd)/shared/anchors/simsharp/SimSharp.dll
ROUNDS=${ROUNDS:-15}
if [ $# -lt 1 ]; then
    echo "usage: kernel-ab.sh COMMIT [WORKLOAD...]" >&2
    exit 2
fi
BASE=$1
shift
if ! [[ $ROUNDS =~ ^[0-9]+$ ]] || [ "$ROUNDS" -lt 6 ]; then
    # Checked before the two builds, which take minutes; the rule is PairedRatio.MinimumRounds (at 5
    # rounds the widest interval, min-max, covers only 94 %).
    echo "kernel-ab.sh: ROUNDS must be a whole number of at least 6 (got '$ROUNDS')" >&2
    exit 2
fi
if ! COMMIT=$(git -C "$ROOT" rev-parse --verify --quiet "$BASE^{commit}"); then
    echo "kernel-ab.sh: no commit '$BASE' in $ROOT" >&2
    exit 2
fi

if [ ! -e "$SIMSHARP" ]; then
    echo "(skipped: $SIMSHARP is absent; see ../shared/anchors/README.md)"
    exit 0
fi

WORK=$(mktemp -d)
trap 'git -C "$ROOT" worktree remove --force "$WORK/tree" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git -C "$ROOT" worktree add --detach "$WORK/tree" "$COMMIT" >/dev/null
# The worktree sits beside no ../shared, so A's build is pointed at this checkout's Sim#.
build() { # project-folder output-folder
    dotnet build "$1/benchmarks/Simulation.Benchmarks" -c Release -v quiet -nologo -o "$2" \
        "-p:SimSharpDll=$SIMSHARP" >"$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log" >&2; exit 1; }
}
build "$WORK/tree" "$WORK/a"
build "$ROOT" "$WORK/b"

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load:$(uptime | sed 's/.*load average://')"
# Everything B's build reads: the kernel, the benchmarks and the shared build settings.
uncommitted=$(git -C "$ROOT" status --porcelain -- Simulation.Core Simulation.Scenarios benchmarks '*.props')
echo "# A = $(git -C "$ROOT" rev-parse --short "$COMMIT") ($BASE), B = the working tree at $(git -C "$ROOT" rev-parse --short HEAD)${uncommitted:+ with uncommitted changes}; $ROUNDS rounds"
echo
# With no workload named, the two-builds command runs every side-by-side workload.
dotnet "$WORK/b/Simulation.Benchmarks.dll" two-builds "$ROUNDS" "$WORK/a" "$WORK/b" "$@"
echo
echo "# finished $(date -u '+%H:%M UTC'), load:$(uptime | sed 's/.*load average://')"
