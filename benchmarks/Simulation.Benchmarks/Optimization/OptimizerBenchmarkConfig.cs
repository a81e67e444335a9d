using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Simulation.Benchmarks.Optimization;

/// <summary>
/// Solves take from milliseconds to tens of seconds and SCIP is deterministic, so each is timed as a
/// single cold-start-free invocation (monitoring strategy), one warmup and three measured solves.
/// </summary>
public sealed class OptimizerBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public OptimizerBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithId("Optimizer"));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Second);
    }
}
