using BenchmarkDotNet.Attributes;
using Simulation.Benchmarks.Kernel;
using Simulation.Core.Network.Definitions;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// SupplyNetPy's layered benchmark networks (<c>benchmarks/networks/layered-N.yaml</c>) run for their
/// 500 days: simulation only, the network loaded and validated once in the global setup, as
/// SupplyNetPy's figures exclude building the network.
/// </summary>
[Config(typeof(NetworkBenchmarkConfig))]
public class LayeredNetworkBenchmark
{
    private NetworkDefinition _definition = null!;

    /// <summary>Nodes in the network.</summary>
    [Params(50, 200, 500, 2000)]
    public int Nodes { get; set; } = 50;

    [GlobalSetup]
    public void Load() => _definition = RepositoryFiles.Load(Path.Combine("benchmarks", "networks", $"layered-{Nodes}.yaml"));

    [Benchmark]
    public RunOutcome Run500Days() => FirstReplication.Run(_definition);
}
