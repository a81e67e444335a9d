using System.Globalization;
using MathNet.Numerics.Statistics;
using Simulation.Benchmarks.Kernel;

namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// The side-by-side workloads timed in process CPU time (user + system, so the garbage collector's
/// work counts against the library that caused it), ours and Sim# alternating in one process, and
/// printed as a Markdown table of CPU-time ratios against the targets. On a machine shared
/// with other builds wall time mostly measures the neighbours; CPU time does not (though cache
/// contention still shows).
/// </summary>
/// <remarks>
/// Each workload: two warm-up rounds (tiered JIT reaches its final code), then <c>rounds</c> measured
/// rounds, each running both sides once in alternating order, a full collection before every run so
/// neither pays for the other's garbage. Throws when the two sides' model outputs disagree.
/// </remarks>
public static class CpuTimeComparison
{
    private const int WarmupRounds = 2;

    /// <summary>
    /// Runs every workload whose name contains <paramref name="only"/> (all when empty) and writes the
    /// table to <paramref name="output"/>.
    /// </summary>
    public static void Run(int rounds, string only, TextWriter output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, PairedRatio.MinimumRounds);
        output.WriteLine($"| workload | events (ours / Sim#) | model output (ours / Sim#) | CPU ms ours | CPU ms Sim# | ours / Sim# | paired rounds: median [{PairedRatio.Confidence:P0} interval] | target | met? |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var workload in SideBySideWorkloads.All.Where(w => w.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var ours = new List<double>();
            var simSharp = new List<double>();
            RunOutcome lastOurs = default, lastSimSharp = default;
            for (int round = 0; round < WarmupRounds + rounds; round++)
            {
                bool oursFirst = round % 2 == 0;
                var (first, firstMs) = Measure(oursFirst ? workload.PrepareOurs() : workload.PrepareSimSharp());
                var (second, secondMs) = Measure(oursFirst ? workload.PrepareSimSharp() : workload.PrepareOurs());
                (lastOurs, lastSimSharp) = oursFirst ? (first, second) : (second, first);
                if (round >= WarmupRounds)
                {
                    ours.Add(oursFirst ? firstMs : secondMs);
                    simSharp.Add(oursFirst ? secondMs : firstMs);
                }
            }

            if (!workload.Agree(lastOurs, lastSimSharp))
            {
                throw new InvalidOperationException(
                    $"{workload.Name}: the kernels did different work ({lastOurs.Measure} {lastOurs.Value} against Sim#'s {lastSimSharp.Value}).");
            }

            double ratio = ours.Median() / simSharp.Median();
            var paired = PairedRatio.Of(ours, simSharp);
            double target = workload.Name.Contains("100000", StringComparison.Ordinal) ? 1.0 / 20 : 1.0 / 3;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {workload.Name} | {lastOurs.EventsFired:N0} / {lastSimSharp.EventsFired:N0} | {lastOurs.Value:G6} / {lastSimSharp.Value:G6} | {ours.Median():F1} | {simSharp.Median():F1} | {ratio:F3} | {paired.Median:F3} [{paired.Low:F3}-{paired.High:F3}] | {(target < 0.1 ? "1/20" : "1/3")} | {paired.Verdict(target)} |"));
            output.Flush();
        }
    }

    private static (RunOutcome Outcome, double CpuMs) Measure(Func<RunOutcome> run)
    {
        RunOutcome outcome = default;
        double milliseconds = CpuMilliseconds(() => outcome = run());
        return (outcome, milliseconds);
    }

    /// <summary>The process CPU time of <paramref name="run"/>, after a full collection so that it pays
    /// for no earlier run's garbage.</summary>
    internal static double CpuMilliseconds(Action run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = Environment.CpuUsage.TotalTime;
        run();
        var after = Environment.CpuUsage.TotalTime;
        return (after - before).TotalMilliseconds;
    }
}
