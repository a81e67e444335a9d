using BenchmarkDotNet.Attributes;
using Simulation.Benchmarks.Kernel;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;

namespace Simulation.Benchmarks.Network;

/// <summary>
/// One apparel replication as <c>sim run</c> runs it after its first: node-series arrays reused from
/// the run's <see cref="NodeSeriesBuffers"/> and released once written, and the thread's earlier
/// replications before it. Its <c>Allocated</c> column is what each further replication costs the
/// collector (benchmarks/README.md, "The whole command", eleventh look); the two threads of
/// <c>--threads 2</c> share that collector.
/// </summary>
[Config(typeof(NetworkBenchmarkConfig))]
public class ReplicationAllocationBenchmark
{
    private readonly NodeSeriesBuffers _buffers = new();
    private NetworkDefinition _definition = null!;
    private int _replication;

    [GlobalSetup]
    public void Load() => _definition = RepositoryFiles.Load("scenarios/apparel-bangladesh.yaml");

    [Benchmark]
    public RunOutcome RunAReplicationAfterOthers()
    {
        int replication = _replication++;
        var context = new ReplicationContext(replication, SeedSequence.ReplicationSeed(_definition.Seed, replication));
        var result = NetworkSimulation.Run(_definition, context, new NetworkRunOptions { NodeSeriesBuffers = _buffers });
        result.NodeSeries?.Release();
        return new RunOutcome(result.EventCount, "fill rate", result.Kpi("fill_rate"));
    }
}
