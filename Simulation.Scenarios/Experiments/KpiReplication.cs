using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Core.Replications;

namespace Simulation.Scenarios.Experiments;

/// <summary>
/// One replication for an experiment that keeps only its KPIs (<c>sim compare</c>, <c>sim sweep</c>):
/// replication r of the master seed whatever else runs in the same stream of work, its time series
/// sampled once, at the horizon (the KPIs do not use them: <c>SamplingIntervalTests</c>), run in
/// <see cref="ScenarioRun.StepsPerReplication"/> steps so the workers finish the last ones together.
/// </summary>
internal static class KpiReplication
{
    /// <summary>Builds replication <paramref name="replication"/> of <paramref name="definition"/>, not yet run.</summary>
    public static NetworkReplication Start(NetworkDefinition definition, ulong masterSeed, int replication, CancellationToken cancellationToken)
    {
        var streams = new ReplicationContext(replication, SeedSequence.ReplicationSeed(masterSeed, replication), cancellationToken);
        var options = new NetworkRunOptions { TimeSeriesEveryDays = definition.HorizonDays };
        return NetworkSimulation.Start(definition, streams, options, ScenarioRun.StepsPerReplication);
    }
}
