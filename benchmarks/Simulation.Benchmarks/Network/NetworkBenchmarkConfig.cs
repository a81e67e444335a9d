using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Simulation.Benchmarks.Kernel.Reporting;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// The configuration of the network-model benchmarks: a run does not consume its definition (each
/// replication builds its own state), so BenchmarkDotNet may pick the invocation count itself; few
/// iterations because one replication takes from milliseconds to seconds; allocations measured; the
/// kernel suite's per-event and model-output columns.
/// </summary>
public class NetworkBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration: 3 warmups, 10 measured iterations.</summary>
    public NetworkBenchmarkConfig()
        : this(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Network"))
    {
    }

    /// <summary>Creates the configuration with its own job (for workloads that take seconds).</summary>
    protected NetworkBenchmarkConfig(Job job)
    {
        AddJob(job);
        PerEventReporting.AddTo(this);
    }
}

/// <summary>
/// <see cref="NetworkBenchmarkConfig"/> for runs of several seconds: one invocation per iteration,
/// 1 warmup and 5 measured iterations, with the server garbage collector. This measures replications
/// in a long-lived process; the <c>sim</c> command itself runs the workstation collector, which was
/// faster and smaller for the whole command (benchmarks/README.md, "The whole command").
/// </summary>
public sealed class LongRunBenchmarkConfig : NetworkBenchmarkConfig
{
    /// <summary>Creates the configuration.</summary>
    public LongRunBenchmarkConfig()
        : base(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
            .WithInvocationCount(1).WithUnrollFactor(1).WithGcServer(true).WithId("LongRun"))
    {
    }
}
