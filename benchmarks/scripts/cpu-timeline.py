#!/usr/bin/env python3
"""How many cores a command keeps busy over its run, from /proc, every 50 ms.

Shows where a multi-threaded `sim run` runs on fewer cores than it has threads for: the spans below
--busy cores, the core-seconds they leave unused, and each span's busiest threads. Standard library only.
/proc counts CPU time in ticks (10 ms here), so at 20 ms a fully busy thread can read as half busy: below
50 ms, single-sample dips to about cores - 0.5 are mostly that rounding.

    benchmarks/scripts/cpu-timeline.py -- path/to/sim run scenarios/apparel-bangladesh.yaml \
        -r 20 --threads 2 -o /tmp/timeline-run -q
    benchmarks/scripts/cpu-timeline.py --cores 2 --busy 1.5 --every 0.05 -- COMMAND...
"""
import argparse
import os
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")


def thread_cpu(pid):
    """CPU seconds (user + system) so far of each thread of pid, by thread id, with the thread's name."""
    threads = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return threads
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                text = stat.read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        threads[tid] = (name, (int(fields[11]) + int(fields[12])) / TICKS)
    return threads


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cores", type=float, default=os.cpu_count(), help="cores the command could use (default: all)")
    parser.add_argument("--busy", type=float, default=None, help="a span below this many busy cores is reported (default: cores - 0.5)")
    parser.add_argument("--every", type=float, default=0.05, help="sampling interval in seconds (default 0.05)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to time after --")
    busy_line = args.busy if args.busy is not None else args.cores - 0.5

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    start = last_time = time.monotonic()
    last = {}
    samples = []  # (seconds since start, interval, busy cores, {thread name: cores})
    while process.poll() is None:
        time.sleep(args.every)
        now = time.monotonic()
        threads = thread_cpu(process.pid)
        interval = now - last_time
        by_name = {}
        for tid, (name, cpu) in threads.items():
            used = (cpu - last.get(tid, (name, 0.0))[1]) / interval
            if used > 0:
                by_name[name] = by_name.get(name, 0.0) + used
        samples.append((now - start, interval, sum(by_name.values()), by_name))
        last, last_time = threads, now
    wall = time.monotonic() - start
    if process.returncode != 0:
        sys.exit(f"the command exited with {process.returncode}")

    cpu = sum(interval * cores for _, interval, cores, _ in samples)
    print(f"wall {wall:.2f} s, CPU {cpu:.2f} s, {cpu / wall:.2f} cores on average of {args.cores:g}")
    print(f"spans below {busy_line:g} busy cores (start-end s: mean cores; busiest threads):")
    unused, span = 0.0, []
    for sample in samples + [(wall, 0.0, args.cores, {})]:
        if sample[2] < busy_line:
            span.append(sample)
            continue
        if span:
            seconds = sum(s[1] for s in span)
            mean = sum(s[1] * s[2] for s in span) / seconds
            unused += seconds * (args.cores - mean)
            threads = {}
            for s in span:
                for name, cores in s[3].items():
                    threads[name] = threads.get(name, 0.0) + s[1] * cores / seconds
            busiest = ", ".join(f"{name} {cores:.2f}" for name, cores in sorted(threads.items(), key=lambda t: -t[1])[:3])
            print(f"  {span[0][0] - span[0][1]:5.2f}-{span[-1][0]:5.2f}: {mean:.2f}; {busiest or 'none'}")
            span = []
    print(f"core-seconds left unused in those spans: {unused:.2f} ({unused / (wall * args.cores):.1%} of wall x cores)")


if __name__ == "__main__":
    main()
