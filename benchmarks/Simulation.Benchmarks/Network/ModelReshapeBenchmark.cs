using BenchmarkDotNet.Attributes;
using Simulation.Benchmarks.Kernel;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// The three workloads the model's reshape into parts (docs/architecture.md) was held to: one
/// replication of apparel-bangladesh and of palm-oil-smallholders at their horizons, and layered-2000
/// for its 500 days. Run on the commit before and after a change of the model to compare them.
/// </summary>
[Config(typeof(NetworkBenchmarkConfig))]
public class ModelReshapeBenchmark
{
    private NetworkDefinition _definition = null!;

    /// <summary>The workload, a path relative to the repository root, without extension.</summary>
    [Params("scenarios/apparel-bangladesh", "scenarios/palm-oil-smallholders", "benchmarks/networks/layered-2000")]
    public string Workload { get; set; } = "scenarios/apparel-bangladesh";

    [GlobalSetup]
    public void Load() => _definition = RepositoryFiles.Load(Workload + ".yaml");

    [Benchmark]
    public RunOutcome RunOneReplication()
    {
        var context = new ReplicationContext(0, SeedSequence.ReplicationSeed(_definition.Seed, 0));
        var result = NetworkSimulation.Run(_definition, context);
        return new RunOutcome(result.EventCount, "fill rate", result.Kpi("fill_rate"));
    }
}
