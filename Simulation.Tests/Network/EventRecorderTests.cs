using Simulation.Core.Network;
using Simulation.Core.Replications;
using Simulation.Scenarios;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Network;

public sealed class EventRecorderTests
{
    [Fact]
    public void Recording_ChangesNoResult_AndLogsEveryExitAndDisruptionInTimeOrder()
    {
        var definition = ScenarioLoader.Load(
            ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml"),
            ["horizon_days=500", "suppliers[cmt-01].alternative_margin=0.5"]).Definition!; // forces a margin exit
        var context = new ReplicationContext(0, 99, CancellationToken.None);
        var plain = NetworkSimulation.Run(definition, context);
        var events = new List<NetworkEvent>();
        var recorded = NetworkSimulation.Run(definition, new ReplicationContext(0, 99, CancellationToken.None), new NetworkRunOptions { EventRecorder = events.Add });

        Assert.Equal(plain.KpiValues, recorded.KpiValues);
        Assert.Equal(plain.Suppliers, recorded.Suppliers);

        var exits = events.Where(e => e.Type == NetworkEventTypes.SupplierExit).Select(e => (e.Entity, (double?)e.Time, e.Detail)).ToList();
        var expected = recorded.Suppliers.Where(s => !s.Active).Select(s => (s.Id, s.ExitDay, s.ExitCause)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(x => x.ExitDay).ThenBy(x => x.Id, StringComparer.Ordinal), exits.OrderBy(x => x.Item2).ThenBy(x => x.Entity, StringComparer.Ordinal));

        int starts = events.Count(e => e.Type == NetworkEventTypes.DisruptionStart);
        int ends = events.Count(e => e.Type == NetworkEventTypes.DisruptionEnd);
        Assert.True(starts > 0);
        Assert.InRange(starts - ends, 0, definition.Disruptions.Count);
        Assert.Equal(events.Select(e => e.Time).Order(), events.Select(e => e.Time));
    }
}
