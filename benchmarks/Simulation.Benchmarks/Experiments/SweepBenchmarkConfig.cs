using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Simulation.Benchmarks.Experiments;

/// <summary>
/// One sweep per invocation (the iteration setup empties its folder, since a finished sweep would
/// only resume); one warmup for the JIT and five measured sweeps keep a run of the class near a
/// minute on a shared two-core machine.
/// </summary>
public sealed class SweepBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public SweepBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithGcServer(true) // as the sim command runs: one heap per core, so parallel points do not wait on each other's collections
            .WithId("Sweep"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
    }
}
