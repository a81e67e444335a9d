using Simulation.Core.Network;
using Simulation.Core.Replications;
using Simulation.Scenarios;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Network;

public sealed class NodeSeriesBuffersTests
{
    [Fact]
    public void ReusedArrays_GiveTheValuesOfFreshOnes_AndAReleasedSeriesCannotBeRead()
    {
        var definition = ScenarioLoader.Load(ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml"), ["horizon_days=120"]).Definition!;
        var buffers = new NodeSeriesBuffers();
        var options = new NetworkRunOptions { TimeSeriesEveryDays = 3, NodeSeriesBuffers = buffers };

        // Replication 1 first, released into the buffers; replication 0 then gets its arrays, full of 1's values.
        var first = NetworkSimulation.Run(definition, new ReplicationContext(1, 11, CancellationToken.None), options).NodeSeries!;
        double[] firstOnHand = first.Values(NodeTimeSeries.OnHand).ToArray();
        first.Release();
        Assert.Throws<ObjectDisposedException>(() => first.Values(NodeTimeSeries.OnHand).Length);
        first.Release(); // a second release gives nothing back twice

        var reused = NetworkSimulation.Run(definition, new ReplicationContext(0, 7, CancellationToken.None), options).NodeSeries!;
        var fresh = NetworkSimulation.Run(definition, new ReplicationContext(0, 7, CancellationToken.None), new NetworkRunOptions { TimeSeriesEveryDays = 3 }).NodeSeries!;

        Assert.Equal(41 * definition.Nodes.Count, fresh.Values(NodeTimeSeries.OnHand).Length);
        Assert.NotEqual(firstOnHand, fresh.Values(NodeTimeSeries.OnHand).ToArray()); // the reuse could show
        for (int m = 0; m < NodeTimeSeries.Metrics.Count; m++)
        {
            Assert.Equal(fresh.Values(m).ToArray(), reused.Values(m).ToArray());
        }

        fresh.Release(); // made without buffers: nothing to give back, and no longer readable
        Assert.Throws<ObjectDisposedException>(() => fresh.Values(0).Length);
    }
}
