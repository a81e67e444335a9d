using BenchmarkDotNet.Attributes;
using Simulation.Benchmarks.Kernel;
using Simulation.Core.Network.Definitions;

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
    public RunOutcome RunOneReplication() => FirstReplication.Run(_definition);
}
