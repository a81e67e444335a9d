#!/usr/bin/env bash
# Runs docs/cluster.md's Slurm recipe on a real single-node Slurm on this machine (Debian's slurm-wlm and
# munge; installed if missing, needs root): a 4-task array of shards into one folder, a merge that runs
# after any outcome, then a rerun of one task after its part files are deleted, and compares the merged
# bytes with one process. Leaves the Slurm daemons it started stopped.
# Usage: bash scripts/slurm-check.sh [sim-build-folder]   (default: dist/sim-linux-x64, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-dist/sim-linux-x64}
[ -x "$build/sim" ] || bash scripts/publish-linux-x64.sh "$build"
build=$(cd "$build" && pwd)
command -v slurmctld >/dev/null || bash scripts/apt-install.sh slurm-wlm munge

host=$(hostname -s)
cpus=$(nproc)
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=simcheck
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmUser=root
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldPidFile=/var/run/slurmctld.pid
SlurmdPidFile=/var/run/slurmd.pid
ReturnToService=2
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
[ -f /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; chmod 400 /etc/munge/munge.key; }
chown -R munge: /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
# Start only the daemons that are not running, and stop only those, by the pid files they write.
started=()
pgrep -x munged >/dev/null || runuser -u munge -- munged
if ! pgrep -x slurmctld >/dev/null; then slurmctld -i; started+=(/var/run/slurmctld.pid); fi
if ! pgrep -x slurmd >/dev/null; then slurmd; started+=(/var/run/slurmd.pid); fi
stop() { for f in "${started[@]}"; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done; true; }
trap stop EXIT
for _ in $(seq 30); do sinfo -h -o %T 2>/dev/null | grep -qE 'idle|mix' && break; sleep 1; done
scontrol update nodename="$host" state=resume 2>/dev/null || true

work=$(mktemp -d /tmp/slurm-check.XXXX)
export SCRATCH=$work/scratch PATH=$build:$PATH
mkdir -p "$SCRATCH" "$work/logs"
cp scripts/data/shard-check.yaml "$work/design.yaml"
sed -i "s|^scenario: .*|scenario: $PWD/scenarios/quickstart.yaml|" "$work/design.yaml"
# The doc's sbatch script, with 4 shards and this design.
cat > "$work/sweep.sbatch" <<SBATCH
#!/bin/bash
#SBATCH --job-name=sim-sweep
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --output=logs/sweep-%A_%a.out
#SBATCH --requeue
set -euo pipefail
SHARDS=4
sim sweep $work/design.yaml --out "\$SCRATCH/sweeps/check" --shard "\$SLURM_ARRAY_TASK_ID/\$SHARDS" --threads "\$SLURM_CPUS_PER_TASK" --quiet
SBATCH
cd "$work"
wait_for() { for _ in $(seq 600); do squeue -h -j "$1" | grep -q . || return 0; sleep 1; done; echo "job $1 did not finish" >&2; return 1; }

jobid=$(sbatch --parsable sweep.sbatch)
merge=$(sbatch --parsable --dependency=afterany:$jobid --output=logs/merge-%j.out --wrap "sim merge $SCRATCH/sweeps/check")
wait_for "$merge"
sim sweep design.yaml --out "$work/single" --threads 1 -q >/dev/null
for f in sweep.parquet points.parquet sweep.json; do cmp "$work/single/$f" "$SCRATCH/sweeps/check/$f"; done
grep -c '"first_point"' "$SCRATCH/sweeps/check/manifest.json" | grep -qx 4
echo "array of 4 + afterany merge: merged bytes identical to one process, 4 shard records in manifest.json"

# Recovery: lose shard 2's parts and the dataset, merge reports them, rerun task 2 only, merge again.
rm -f "$SCRATCH/sweeps/check/sweep.parquet" "$SCRATCH"/sweeps/check/parts/point-000000{8,9}.parquet "$SCRATCH"/sweeps/check/parts/point-00000{10,11}.parquet
if sim merge "$SCRATCH/sweeps/check" 2>"$work/missing.txt"; then echo "merge should have failed" >&2; exit 1; fi
grep -q "shard 2 of 4" "$work/missing.txt"
jobid=$(sbatch --parsable --array=2 sweep.sbatch)
merge=$(sbatch --parsable --dependency=afterany:$jobid --output=logs/merge-%j.out --wrap "sim merge $SCRATCH/sweeps/check")
wait_for "$merge"
for f in sweep.parquet points.parquet; do cmp "$work/single/$f" "$SCRATCH/sweeps/check/$f"; done
echo "recovery: merge named '$(cat "$work/missing.txt" | head -1 | cut -c1-120)'; rerun of task 2 + merge: bytes identical"
ls "$work/logs"
rm -rf "$work"
