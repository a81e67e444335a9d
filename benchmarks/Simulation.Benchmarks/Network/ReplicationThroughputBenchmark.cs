using BenchmarkDotNet.Attributes;
using Simulation.Benchmarks.Kernel;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Replications;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// Replications per second: <see cref="Replications"/> replications of <c>apparel-bangladesh.yaml</c>
/// through <see cref="ReplicationRunner"/> with 1 and with 2 threads. Replications/s = Replications /
/// run time; the speed-up is the 1-thread time over the 2-thread time.
/// </summary>
/// <remarks>A run takes seconds, so this class runs fewer iterations (<see cref="LongRunBenchmarkConfig"/>).</remarks>
[Config(typeof(LongRunBenchmarkConfig))]
public class ReplicationThroughputBenchmark
{
    /// <summary>Replications per run.</summary>
    public const int Replications = 10;

    private NetworkDefinition _definition = null!;

    /// <summary>The runner's thread cap.</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Load() => _definition = RepositoryFiles.Load(Path.Combine("scenarios", "apparel-bangladesh.yaml"));

    [Benchmark]
    public RunOutcome RunApparelReplications()
    {
        var results = ReplicationRunner.Run(
            Replications,
            _definition.Seed,
            context => NetworkSimulation.Run(_definition, context),
            new ReplicationOptions { MaxDegreeOfParallelism = Threads });
        long events = 0;
        double fill = 0;
        foreach (var result in results)
        {
            events += result.EventCount;
            fill += result.Kpi("fill_rate");
        }

        return new RunOutcome(events, "mean fill rate", fill / results.Length);
    }
}
