using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Simulation.Benchmarks.Kernel;

namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// Our kernel against Sim# on the same workloads (<see cref="SideBySideWorkloads"/>), in one
/// BenchmarkDotNet run: Sim# is the baseline, so the Ratio column is our time / Sim#'s per workload.
/// Compiled only where <c>../shared/anchors/simsharp/SimSharp.dll</c> exists (see the project file).
/// </summary>
/// <remarks>
/// Measured: one run of the model, process starts included; the iteration setup builds it. Wall time,
/// as BenchmarkDotNet measures; <see cref="CpuTimeComparison"/> gives the CPU-time ratios on a shared
/// machine.
/// </remarks>
[Config(typeof(Config))]
public class KernelVersusSimSharpBenchmark
{
    private Func<RunOutcome> _run = null!;

    /// <summary>The names of the workloads, BenchmarkDotNet's parameter.</summary>
    public static IEnumerable<string> Workloads => SideBySideWorkloads.All.Select(w => w.Name);

    [ParamsSource(nameof(Workloads))]
    public string Workload { get; set; } = "";

    [IterationSetup(Target = nameof(Ours))]
    public void PrepareOurs() => _run = SideBySideWorkloads.Named(Workload).PrepareOurs();

    [IterationSetup(Target = nameof(SimSharp))]
    public void PrepareSimSharp() => _run = SideBySideWorkloads.Named(Workload).PrepareSimSharp();

    [Benchmark]
    public RunOutcome Ours() => _run();

    [Benchmark(Baseline = true)]
    public RunOutcome SimSharp() => _run();

    /// <summary>
    /// One invocation per iteration (a run consumes its model); two warmups and five measured runs,
    /// because Sim#'s 100,000-process run takes seconds.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(5)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId("VersusSimSharp"));
            AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
            SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithTimeUnit(Perfolizer.Horology.TimeUnit.Millisecond);
        }
    }
}
