using BenchmarkDotNet.Attributes;
using Simulation.Benchmarks.Kernel;
using Simulation.Core.Network.Definitions;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// One replication (replication 0 of the file's seed) of each reference scenario in <c>scenarios/</c>,
/// at its own horizon. Loading and validation happen once, in the global setup, and are not measured.
/// </summary>
/// <remarks>
/// Events are kernel events (<see cref="Simulation.Core.Network.NetworkRunResult.EventCount"/>): shipment deliveries are
/// handled by the model's arrival calendar without a kernel event, so they are not counted. The model
/// output is the replication's fill rate.
/// </remarks>
[Config(typeof(NetworkBenchmarkConfig))]
public class ReferenceScenarioBenchmark
{
    private NetworkDefinition _definition = null!;

    /// <summary>The scenario file name in <c>scenarios/</c>, without extension.</summary>
    [Params("quickstart", "apparel-bangladesh", "palm-oil-smallholders", "conflict-minerals")]
    public string Scenario { get; set; } = "quickstart";

    [GlobalSetup]
    public void Load() => _definition = RepositoryFiles.Load(Path.Combine("scenarios", Scenario + ".yaml"));

    [Benchmark]
    public RunOutcome RunOneReplication() => FirstReplication.Run(_definition);
}
