using BenchmarkDotNet.Attributes;
using Simulation.Benchmarks.Kernel;
using Simulation.Core.Network.Definitions;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// One replication (replication 0 of the file's seed) of each reference scenario in <c>scenarios/</c>,
/// at its own horizon, and of <c>benchmarks/networks/layered-2000</c> (500 days). Loading and
/// validation happen once, in the global setup, and are not measured. Apparel, palm oil and
/// layered-2000 are the three workloads a change of the model's shape is held to (benchmarks/README.md,
/// "Model reshape"): run this class on the commit before and after such a change.
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

    /// <summary>The workload, a path relative to the repository root, without extension.</summary>
    [Params(
        "scenarios/quickstart",
        "scenarios/apparel-bangladesh",
        "scenarios/palm-oil-smallholders",
        "scenarios/conflict-minerals",
        "benchmarks/networks/layered-2000")]
    public string Workload { get; set; } = "scenarios/quickstart";

    [GlobalSetup]
    public void Load() => _definition = RepositoryFiles.Load(Workload + ".yaml");

    [Benchmark]
    public RunOutcome RunOneReplication() => FirstReplication.Run(_definition);
}
