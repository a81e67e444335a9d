using Simulation.Scenarios;
using Simulation.Scenarios.Experiments;
using Simulation.Tests.Cli;

namespace Simulation.Tests.Outputs;

/// <summary>
/// The shipped quickstart and apparel scenarios start at steady state: MSER-5 finds no transient beyond
/// their warm-up, and after it the buyers' stock, averaged over replications, is never 0 (before the
/// steady-state start, quickstart's swung from 20,000 to 0 and back twice in its first five months, the
/// same way in every replication).
/// </summary>
public sealed class ShippedScenarioStartTests
{
    [Theory]
    [InlineData("scenarios/quickstart.yaml", 10)]
    [InlineData("scenarios/apparel-bangladesh.yaml", 3)]
    public async Task AsShipped_NoWarmupWarning_AndMeanBuyerStockNeverZeroAfterTheWarmup(string file, int replications)
    {
        var scenario = ScenarioLoader.Load(Examples.ReadmeExampleTests.RepoFile(file), []);
        var series = new List<double[]>();
        var outcome = await ScenarioRun.ExecuteAsync(scenario, new RunSettings
        {
            OutputDirectory = CliHarness.TempFolder(),
            Replications = replications,
            Threads = 2,
            Report = false,
            ReplicationObserver = result => series.Add(result.Daily.Column("buyer_on_hand").ToArray()),
        });

        Assert.False(outcome.Warmup.BeyondWarmup, outcome.Warmup.Warning);
        int warmup = (int)scenario.Definition!.WarmupDays;
        for (int day = warmup; day < series[0].Length; day++)
        {
            double mean = series.Average(s => s[day]);
            Assert.True(mean > 0, $"mean buyer stock is 0 on day {day}");
        }
    }
}
