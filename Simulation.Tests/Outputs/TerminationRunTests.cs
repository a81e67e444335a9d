using System.Text.RegularExpressions;
using Simulation.Core.Network;
using Simulation.Scenarios.Output;
using Simulation.Scenarios.Reporting;
using Simulation.Tests.Cli;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Outputs;

/// <summary>
/// The smart mix with response exit, shortened: buyers terminate suppliers at missed corrective-action
/// deadlines, next to insolvency and margin exits, supply-chain finance and capability gains.
/// </summary>
public sealed class TerminationRunFixture : IAsyncLifetime
{
    public string Folder { get; } = CliHarness.TempFolder();

    public async Task InitializeAsync()
    {
        var (code, _, error) = await CliHarness.RunAsync(
            "run", ReadmeExampleTests.RepoFile("scenarios/smart-mix.yaml"), "-r", "4", "-o", Folder, "--quiet",
            "--set", "social.corrective_actions.response=exit", "--set", "horizon_days=500");
        Assert.True(code == 0, error);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class TerminationRunTests(TerminationRunFixture run) : IClassFixture<TerminationRunFixture>
{
    private string Kpis => DuckDb.File(Path.Combine(run.Folder, "kpis.parquet"));

    /// <summary>The ranges of <see cref="Kpi.Range"/> are claims about the model: every value of every replication lies in its KPI's range.</summary>
    [Fact]
    public void EveryKpiValue_LiesInItsRange()
    {
        Assert.True(DuckDb.Double($"SELECT sum(exits_terminated) FROM {Kpis}") > 0, "the run should terminate suppliers");
        foreach (var kpi in KpiCatalog.All)
        {
            double min = DuckDb.Double($"SELECT min({kpi.Name}) FROM {Kpis}");
            double max = DuckDb.Double($"SELECT max({kpi.Name}) FROM {Kpis}");
            Assert.True(min >= kpi.Range.Minimum && max <= kpi.Range.Maximum, $"{kpi.Name}: [{min}, {max}] outside {kpi.Range}");
        }
    }

    [Fact]
    public async Task ExitsChart_ShowsTerminationsNextToInsolvencyAndMargin_AndTheCausesAddUpToAllExits()
    {
        var manifest = Manifest.Read(Path.Combine(run.Folder, Manifest.FileName));
        var data = await RunData.LoadAsync(run.Folder, manifest, CancellationToken.None);
        var causes = data.Exits.Where(e => e.Category == "cause").ToDictionary(e => e.Label, e => e.MeanPerReplication);

        Assert.Equal(["insolvency", "margin", "terminated"], causes.Keys);
        Assert.Equal(DuckDb.Double($"SELECT avg(exits_terminated) FROM {Kpis}"), causes["terminated"], 12);
        Assert.Equal(DuckDb.Double($"SELECT avg(exits_insolvency) FROM {Kpis}"), causes["insolvency"], 12);
        Assert.Equal(DuckDb.Double($"SELECT avg(exits_margin) FROM {Kpis}"), causes["margin"], 12);
        Assert.Equal(DuckDb.Double($"SELECT avg(supplier_exits) FROM {Kpis}"), causes.Values.Sum(), 12);
        Assert.True(causes["terminated"] > 0);
        Assert.Matches(new Regex(@">\s*terminated\s*</text>"), File.ReadAllText(Path.Combine(run.Folder, "charts", "exits.svg")));
    }
}
