using Simulation.Core.Network;
using Simulation.Core.Replications;
using Simulation.Scenarios;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Network;

/// <summary>
/// A replication's KPIs, supplier and node outcomes do not depend on how often its time series are
/// sampled: <c>sim sweep</c> and <c>sim compare</c>, which write no time series, sample once at the
/// horizon, and their results must be those of <c>sim run</c>'s daily sampling.
/// </summary>
public sealed class SamplingIntervalTests
{
    public static TheoryData<string> Scenarios() =>
    [
        "scenarios/apparel-bangladesh.yaml",
        "scenarios/conflict-minerals.yaml",
        "scenarios/palm-oil-smallholders.yaml",
        "scenarios/risk-targeting.yaml",
        "scenarios/smart-mix-mandatory.yaml",
        "scenarios/quickstart.yaml",
    ];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Kpis_are_the_same_sampled_daily_and_once(string scenarioFile)
    {
        var definition = ScenarioLoader.Load(ReadmeExampleTests.RepoFile(scenarioFile), ["horizon_days=400"]).Definition!;
        var context = new ReplicationContext(1, 2026);

        var daily = NetworkSimulation.Run(definition, context, new NetworkRunOptions { TimeSeriesEveryDays = 1 });
        var once = NetworkSimulation.Run(definition, context, new NetworkRunOptions { TimeSeriesEveryDays = definition.HorizonDays });

        Assert.Equal(401, daily.Daily.Days.Count);
        Assert.Equal(2, once.Daily.Days.Count); // day 0 and the horizon
        Assert.Equal(daily.KpiValues, once.KpiValues);
        Assert.Equal(daily.Suppliers, once.Suppliers);
        Assert.Equal(daily.Nodes, once.Nodes);
        Assert.Equal(daily.Alerts, once.Alerts);
    }
}
