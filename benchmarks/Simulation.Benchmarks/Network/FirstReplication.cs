using Simulation.Benchmarks.Kernel;
using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;

namespace Simulation.Benchmarks.Network;

/// <summary>The measured work of every network benchmark: replication 0 of a definition, reported by its kernel events and fill rate.</summary>
internal static class FirstReplication
{
    /// <summary>Runs replication 0 of <paramref name="definition"/> on <paramref name="masterSeed"/> (default: the definition's own seed).</summary>
    public static RunOutcome Run(NetworkDefinition definition, ulong? masterSeed = null)
    {
        var context = new ReplicationContext(0, SeedSequence.ReplicationSeed(masterSeed ?? definition.Seed, 0));
        var result = NetworkSimulation.Run(definition, context);
        return new RunOutcome(result.EventCount, "fill rate", result.Kpi("fill_rate"));
    }
}
