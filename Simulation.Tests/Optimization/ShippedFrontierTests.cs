using Simulation.Core.Optimization;
using Simulation.Scenarios;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Optimization;

/// <summary>
/// The frontiers of the shipped scenarios at the default gap: no point is dominated by another
/// (no other point at most as high on both KPIs and lower on one), and every point is a distinct mix
/// (identical ones are collapsed, and the frontier says how many were asked for).
/// </summary>
public sealed class ShippedFrontierTests
{
    [Theory]
    [InlineData("quickstart", "social", 6)]
    [InlineData("quickstart", "cvar", 6)]
    [InlineData("apparel-bangladesh", "co2e", 8)]
    [InlineData("apparel-bangladesh", "social", 6)]
    [InlineData("smart-mix", "social", 6)]
    public void Frontier_HasNoDominatedPoints_AndDistinctMixes(string scenario, string axisName, int points)
    {
        var definition = ScenarioLoader.Load(ReadmeExampleTests.RepoFile($"scenarios/{scenario}.yaml")).Definition!;
        var problem = SourcingProblemBuilder.Build(definition, new SourcingBuildOptions { Scenarios = 20 });
        Assert.True(SourcingKpis.TryParse(axisName, out var axis));
        var settings = new SourcingSettings { Objective = SourcingKpi.Cost };

        var frontier = SourcingSolver.Frontier(problem, settings, axis, points);

        Assert.Equal(points, frontier.RequestedPoints);
        var mixes = frontier.Points.Where(p => p.Solution.HasMix).Select(p => p.Solution).ToList();
        Assert.NotEmpty(mixes);
        Assert.InRange(mixes.Count, 1, points);
        for (int i = 0; i < mixes.Count; i++)
        {
            for (int j = 0; j < mixes.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                Assert.False(SourcingSolver.SameMix(mixes[i], mixes[j]), $"points {i} and {j} are the same mix");
                double tolerance = 1e-9;
                bool noWorse = mixes[j].Predicted[SourcingKpi.Cost] <= mixes[i].Predicted[SourcingKpi.Cost] + tolerance && mixes[j].Predicted[axis] <= mixes[i].Predicted[axis] + tolerance;
                bool better = mixes[j].Predicted[SourcingKpi.Cost] < mixes[i].Predicted[SourcingKpi.Cost] - (1e-6 * Math.Abs(mixes[i].Predicted[SourcingKpi.Cost]))
                    || mixes[j].Predicted[axis] < mixes[i].Predicted[axis] - (1e-6 * Math.Max(1e-9, Math.Abs(mixes[i].Predicted[axis])));
                Assert.False(noWorse && better, $"{scenario} {axisName}: point {i} is dominated by point {j}");
            }
        }
    }
}
