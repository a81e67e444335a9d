using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Simulation.Benchmarks.Kernel.Reporting;

namespace Simulation.Benchmarks.Kernel;

/// <summary>
/// The configuration every kernel benchmark shares: one invocation per iteration (each builds a fresh
/// model in its iteration setup, so the measured time is one <c>Run()</c>), few iterations because a
/// run takes from 0.1 s to several seconds, allocations measured, and the per-event columns.
/// </summary>
public sealed class KernelBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public KernelBenchmarkConfig()
    {
        // Explicit invocation and unroll counts of 1: an iteration setup must run before every
        // invocation, because a run consumes its model. Three warmups get the tiered JIT to its final
        // code; ten measured runs give a stable median on a shared two-core machine while the whole
        // kernel suite stays under five minutes.
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("Kernel"));
        PerEventReporting.AddTo(this);
    }
}
