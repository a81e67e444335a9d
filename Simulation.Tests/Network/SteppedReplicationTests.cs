using Simulation.Core.Network;
using Simulation.Core.Network.Definitions;
using Simulation.Core.Replications;
using Simulation.Scenarios;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Network;

/// <summary>
/// <see cref="NetworkSimulation.Start"/>: a replication run in steps of simulated time is the same run,
/// event for event, as one run whole, however the horizon is cut: into whole days (where fixed lead
/// times put arrivals exactly on a step's end), into stretches ending mid-day, and into more steps
/// than days.
/// </summary>
public sealed class SteppedReplicationTests
{
    public static TheoryData<string, int> Cuts() => new()
    {
        { "scenarios/apparel-bangladesh.yaml", 16 },
        { "scenarios/apparel-bangladesh.yaml", 365 },
        { "scenarios/quickstart.yaml", 7 },
        { "scenarios/quickstart.yaml", 1_000 },
        { "scenarios/smart-mix.yaml", 3 },
        { "scenarios/conflict-minerals.yaml", 16 },
        { "scenarios/palm-oil-smallholders.yaml", 16 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Steps_do_not_change_the_run(string scenarioFile, int steps)
    {
        var definition = ScenarioLoader.Load(ReadmeExampleTests.RepoFile(scenarioFile), []).Definition!;
        var context = new ReplicationContext(2, 77);

        var (whole, wholeOrders) = Whole(definition, context);
        var (stepped, steppedOrders, stepsRun) = InSteps(definition, context, steps);

        Assert.Equal(steps, stepsRun);
        Assert.Equal(whole.EventCount, stepped.EventCount);
        Assert.Equal(whole.KpiValues, stepped.KpiValues);
        Assert.Equal(whole.Daily.Days, stepped.Daily.Days);
        for (int m = 0; m < whole.Daily.Metrics.Count; m++)
        {
            Assert.Equal(whole.Daily.Column(m).ToArray(), stepped.Daily.Column(m).ToArray());
        }

        for (int m = 0; m < NodeTimeSeries.Metrics.Count; m++)
        {
            Assert.Equal(whole.NodeSeries!.Values(m).ToArray(), stepped.NodeSeries!.Values(m).ToArray());
        }

        Assert.Equal(whole.Suppliers, stepped.Suppliers);
        Assert.Equal(whole.Nodes, stepped.Nodes);
        Assert.Equal(whole.Alerts, stepped.Alerts);
        Assert.Equal(wholeOrders, steppedOrders);
        Assert.True(wholeOrders.Count > 100);
    }

    [Fact]
    public void Replications_in_steps_side_by_side_on_one_thread_each_give_their_own_run()
    {
        // Two replications alive at once on one thread share its spare arrays: each must still give
        // its own run, and a replication disposed twice must not hand its arrays out twice.
        var definition = ScenarioLoader.Load(ReadmeExampleTests.RepoFile("scenarios/apparel-bangladesh.yaml"), []).Definition!;
        var (first, _) = Whole(definition, new ReplicationContext(0, 5));
        var (second, _) = Whole(definition, new ReplicationContext(1, 6));

        var warmup = NetworkSimulation.Start(definition, new ReplicationContext(0, 5), null, 4);
        while (warmup.Step())
        {
        }

        warmup.Dispose();
        warmup.Dispose();

        using var a = NetworkSimulation.Start(definition, new ReplicationContext(0, 5), null, 8);
        using var b = NetworkSimulation.Start(definition, new ReplicationContext(1, 6), null, 8);
        bool aMore = true, bMore = true;
        while (aMore || bMore)
        {
            aMore = aMore && a.Step();
            bMore = bMore && b.Step();
        }

        Assert.Equal(first.KpiValues, a.Result.KpiValues);
        Assert.Equal(second.KpiValues, b.Result.KpiValues);
        Assert.Equal(first.EventCount, a.Result.EventCount);
        Assert.NotEqual(first.KpiValues, second.KpiValues);
    }

    [Fact]
    public void A_replication_reports_misuse_clearly()
    {
        var definition = ScenarioLoader.Load(ReadmeExampleTests.RepoFile("scenarios/quickstart.yaml"), []).Definition!;

        Assert.Throws<ArgumentOutOfRangeException>(() => NetworkSimulation.Start(definition, new ReplicationContext(0, 1), null, 0));
        using var replication = NetworkSimulation.Start(definition, new ReplicationContext(0, 1), null, 2);
        var early = Assert.Throws<InvalidOperationException>(() => replication.Result);
        Assert.Contains("has not finished", early.Message, StringComparison.Ordinal);
        Assert.True(replication.Step());
        Assert.False(replication.Step());
        Assert.False(replication.Step());
        Assert.True(replication.Result.EventCount > 0);
    }

    private static (NetworkRunResult Result, List<OrderEvent> Orders) Whole(NetworkDefinition definition, ReplicationContext context)
    {
        var orders = new List<OrderEvent>();
        var result = NetworkSimulation.Run(definition, Fresh(context), new NetworkRunOptions { OrderRecorder = orders.Add });
        return (result, orders);
    }

    private static (NetworkRunResult Result, List<OrderEvent> Orders, int Steps) InSteps(NetworkDefinition definition, ReplicationContext context, int steps)
    {
        var orders = new List<OrderEvent>();
        using var replication = NetworkSimulation.Start(definition, Fresh(context), new NetworkRunOptions { OrderRecorder = orders.Add }, steps);
        int run = 1;
        while (replication.Step())
        {
            run++;
        }

        return (replication.Result, orders, run);
    }

    // Streams are drawn from as the run goes: every run gets a context of its own.
    private static ReplicationContext Fresh(ReplicationContext context) => new(context.Index, context.Seed);
}
