#!/usr/bin/env bash
# Checks the natively compiled sim (what `dotnet publish Simulation.Cli -c Release -r RID` makes) against
# the JIT build (`dotnet build`): every command runs with both on shipped scenarios, and every file they
# write, with what they print, must be byte for byte the same. Only provenance is masked first: the
# manifests' clock times, wall seconds, host and process id, the report's date and run time, and the
# optimizer's solve seconds (pareto.parquet, whose points the other files hold too, is left out).
#
#   bash scripts/check-native.sh            # publishes both into a temporary folder (about 3 minutes)
#   WORK=/tmp/native bash scripts/check-native.sh
#
# Exit 0 when every output matches, 1 with the differing files named otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${WORK:-$(mktemp -d)}
RID=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
mkdir -p "$WORK"
command -v clang >/dev/null || { echo "the native compiler needs clang and zlib1g-dev: apt-get install -y clang zlib1g-dev" >&2; exit 1; }

echo "publishing the native tool for $RID and building the JIT one into $WORK"
dotnet publish Simulation.Cli -c Release -r "$RID" -o "$WORK/native" >"$WORK/publish-native.log" 2>&1 \
    || { cat "$WORK/publish-native.log"; exit 1; }
dotnet build Simulation.Cli -c Release -o "$WORK/jit" >"$WORK/build-jit.log" 2>&1 \
    || { cat "$WORK/build-jit.log"; exit 1; }

# A small sweep in two shards (sweep.json, shard records, merge), on the shipped quickstart network.
cat >"$WORK/sweep.yaml" <<EOF
name: native-check
scenario: $ROOT/scenarios/quickstart.yaml
set:
  - horizon_days=120
design: sobol
samples: 4
parameters:
  - path: suppliers[cmt-01].capacity_per_day
    name: cmt_01_capacity
    range: [600, 1000]
    integer: true
  - path: regions[bangladesh].credit.annual_rate
    name: credit_rate
    range: [0.08, 0.2]
replications: 2
EOF
printf 'name: broken\nhorizon_days: -5\n' >"$WORK/broken.yaml"

# Each step: a name, then the sim arguments; OUT stands for the step's output folder. Both tools write
# to the same path (so command lines in the outputs agree), then the folder moves to $WORK/<build>/.
steps=(
    "run-quickstart|run scenarios/quickstart.yaml -o OUT"
    "run-apparel-all|run scenarios/apparel-bangladesh.yaml -r 4 --events --order-events --json -o OUT"
    "run-palm-oil|run scenarios/palm-oil-smallholders.yaml -r 3 --quiet -o OUT"
    "report|report OUT/../run-quickstart --quiet"
    "validate|validate scenarios/apparel-bangladesh.yaml"
    "validate-broken|validate $WORK/broken.yaml"
    "schema|schema"
    "compare|compare scenarios/quickstart.yaml -r 4 --variant more-capacity --set suppliers[cmt-01].capacity_per_day=900 --quiet -o OUT"
    "sweep-shard-0|sweep $WORK/sweep.yaml --shard 0/2 --quiet -o OUT/../sweep"
    "sweep-shard-1|sweep $WORK/sweep.yaml --shard 1/2 --quiet -o OUT/../sweep"
    "merge|merge OUT/../sweep --quiet"
    "optimize|optimize scenarios/quickstart.yaml --max-share 0.6 -r 4 --scenarios 40 --quiet -o OUT"
)

for build in native jit; do
    rm -rf "$WORK/out" "$WORK/$build-runs"
    mkdir -p "$WORK/out" "$WORK/$build-runs"
    for step in "${steps[@]}"; do
        name=${step%%|*}
        args=${step#*|}
        args=${args//OUT/$WORK/out/$name}
        set +e
        # shellcheck disable=SC2086 # the step's arguments are words
        "$WORK/$build/sim" $args >"$WORK/$build-runs/$name.stdout" 2>"$WORK/$build-runs/$name.stderr"
        echo "exit $?" >>"$WORK/$build-runs/$name.stdout"
        set -e
    done
    mv "$WORK/out" "$WORK/$build-runs/folders"
done

python3 - "$WORK/native-runs" "$WORK/jit-runs" <<'PY'
import pathlib, re, sys

native, jit = (pathlib.Path(p) for p in sys.argv[1:])
volatile = [
    re.compile(rb'"(started_utc|finished_utc|wall_seconds|simulation_seconds|host|process_id)": [^,\n]*'),
    re.compile(rb'\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?'),            # the report's run date
    re.compile(rb'[\d.]+ s on \d+ thread\(s\)'),                  # the report's run time
    re.compile(rb'\(\d+(\.\d+)? s, '),                            # "Run folder: ... (0.1 s, N events)"
    re.compile(rb'(&quot;|")(solve|simulate|total)(&quot;|"): ?[\d.eE+-]+'),  # sim optimize's seconds
]
# pareto.parquet has a solve_seconds column; the points it holds are also in mix.parquet, points/ and
# the report, which are compared.
timed = {'pareto.parquet'}

def masked(path):
    data = path.read_bytes()
    for pattern in volatile:
        data = pattern.sub(b'<masked>', data)
    return data

files = sorted(p.relative_to(jit) for p in jit.rglob('*') if p.is_file() and p.name not in timed)
others = sorted(p.relative_to(native) for p in native.rglob('*') if p.is_file() and p.name not in timed)
bad = [f"only in the JIT build's output: {f}" for f in files if f not in others]
bad += [f"only in the native build's output: {f}" for f in others if f not in files]
same = 0
for f in files:
    if f in others:
        if masked(native / f) == masked(jit / f):
            same += 1
        else:
            bad.append(f"differs: {f}")
print(f"{same} of {len(files)} files identical (provenance masked)")
for line in bad:
    print(line)
sys.exit(1 if bad else 0)
PY
