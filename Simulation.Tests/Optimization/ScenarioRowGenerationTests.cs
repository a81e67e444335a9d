using Simulation.Core.Optimization;
using Simulation.Core.Optimization.Internal;
using Simulation.Scenarios;
using Simulation.Tests.Examples;

namespace Simulation.Tests.Optimization;

/// <summary>The CVaR rows generated as needed give the optimum of the model with every row.</summary>
public sealed class ScenarioRowGenerationTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 20)];

    /// <summary>
    /// Ten scenarios at alpha 0.9, so the CVaR is the worst scenario's loss. A loses half its supply in
    /// scenario 0, B in scenario 1, C all of it in scenario 2; C is cheapest, then A, then B. The capped
    /// CVaR 0.3 means 0.5 a &lt;= 0.3, 0.5 b &lt;= 0.3, c &lt;= 0.3, so the cheapest mix is c = 0.3,
    /// a = 0.6, b = 0.1, and its cost per unit of demand (landed cost x delivered share, no lost margin)
    /// 0.3 x 1 x 0.9 + 0.6 x 2 x 0.95 + 0.1 x 3 x 0.95 = 1.695. C's capacity is a tiny part of the
    /// total, so the capacity-weighted reference mix puts scenarios 0 and 1 first (2 (1 - 0.9) 10 = 2
    /// rows): the first solve, without scenario 2's row, gives C everything, breaks the cap there, and
    /// the second solve with it added is the optimum.
    /// </summary>
    [Fact]
    public void MissingTailScenario_IsAddedInASecondRound_AndTheHandSolvedMixIsFound()
    {
        var problem = TestProblems.OneBuyer(
            10,
            0,
            new TestProblems.Offer("a", 2, 1_000, Availability: Down(0, 0.5)),
            new TestProblems.Offer("b", 3, 1_000, Availability: Down(1, 0.5)),
            new TestProblems.Offer("c", 1, 10, Availability: Down(2, 1)));
        var settings = new SourcingSettings { RelativeGap = 0, CvarAlpha = 0.9, ScenarioRows = CvarScenarioRows.AsNeeded }.WithCap(SourcingKpi.Cvar, 0.3);

        using var model = SourcingModel.Build(problem, settings, elastic: false);
        Assert.Equal([0, 1], ScenarioRowGeneration.Start(problem, 0.9).Initial);
        model.Solve(settings.TimeLimit);
        Assert.Equal(2, model.ScenarioRounds);

        var lazy = SourcingSolver.Solve(problem, settings);
        var plain = SourcingSolver.Solve(problem, settings with { ScenarioRows = CvarScenarioRows.All });
        foreach (var solution in new[] { lazy, plain })
        {
            Assert.Equal(SourcingStatus.Optimal, solution.Status);
            Assert.Equal(0.6, solution.Shares[0], 9);
            Assert.Equal(0.1, solution.Shares[1], 9);
            Assert.Equal(0.3, solution.Shares[2], 9);
            Assert.Equal(1.695, solution.ObjectiveValue, 9);
            Assert.Equal(0.3, solution.Predicted[SourcingKpi.Cvar], 9);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CostUnderACvarCap_AsNeeded_EqualsEveryRow(int seed)
    {
        var problem = TestProblems.Random(seed);
        var limits = new SourcingSettings { RelativeGap = 0, CvarAlpha = 0.8, MaxRegionShare = 0.8 };
        var cheapest = SourcingSolver.Solve(problem, limits with { ScenarioRows = CvarScenarioRows.All });
        var safest = SourcingSolver.Solve(problem, limits with { Objective = SourcingKpi.Cvar, ScenarioRows = CvarScenarioRows.All });
        if (!cheapest.HasMix)
        {
            // Some random instances cannot meet the region limit at all; without rows they are no more feasible.
            Assert.Equal(SourcingStatus.Infeasible, SourcingSolver.Solve(problem, limits with { Objective = SourcingKpi.Cvar, ScenarioRows = CvarScenarioRows.AsNeeded }).Status);
            return;
        }


        // The least CVaR is often reached by many mixes, so only its value must agree.
        AssertSameOptimum(problem, limits with { Objective = SourcingKpi.Cvar }, sameMix: false);
        AssertSameOptimum(problem, limits.WithCap(SourcingKpi.Cvar, (cheapest.Predicted[SourcingKpi.Cvar] + safest.Predicted[SourcingKpi.Cvar]) / 2), sameMix: true);
    }

    /// <summary>
    /// A shipped scenario at the command's default 200 replications (1,400 quarters on quickstart,
    /// where the buyers' stock cover gives each scenario its own loss variables): the cheapest mix under
    /// a CVaR cap halfway between the least CVaR and the cheapest mix's is the same with the rows as needed.
    /// (apparel-bangladesh, 1,400 quarters too, does not reach a gap of 1e-9 within the minute.)
    /// </summary>
    [Theory]
    [InlineData("quickstart")]
    public void ShippedScenario_CostUnderACvarCap_AsNeeded_EqualsEveryRow(string scenario)
    {
        var definition = ScenarioLoader.Load(ReadmeExampleTests.RepoFile($"scenarios/{scenario}.yaml")).Definition!;
        var problem = SourcingProblemBuilder.Build(definition, new SourcingBuildOptions());
        Assert.True(problem.ScenarioCount >= ScenarioRowGeneration.MinimumScenarios, $"{problem.ScenarioCount} scenarios");
        var limits = new SourcingSettings { RelativeGap = 1e-9, ScenarioRows = CvarScenarioRows.All };
        double cheapest = SourcingSolver.Solve(problem, limits).Predicted[SourcingKpi.Cvar];
        double safest = SourcingSolver.Solve(problem, limits with { Objective = SourcingKpi.Cvar }).Predicted[SourcingKpi.Cvar];
        Assert.True(safest < cheapest - 1e-6, $"the cap must bind: {safest} .. {cheapest}");

        AssertSameOptimum(problem, limits.WithCap(SourcingKpi.Cvar, (cheapest + safest) / 2), sameMix: true);
    }

    private static void AssertSameOptimum(SourcingProblem problem, SourcingSettings settings, bool sameMix)
    {
        var plain = SourcingSolver.Solve(problem, settings with { ScenarioRows = CvarScenarioRows.All });
        var lazy = SourcingSolver.Solve(problem, settings with { ScenarioRows = CvarScenarioRows.AsNeeded });
        Assert.Equal(SourcingStatus.Optimal, plain.Status);
        Assert.Equal(SourcingStatus.Optimal, lazy.Status);
        Assert.Equal(plain.ObjectiveValue, lazy.ObjectiveValue, 7);
        Assert.Equal(plain.Predicted[settings.Objective], lazy.Predicted[settings.Objective], 7);
        Assert.Empty(SourcingEvaluation.Violations(problem, settings, lazy.Shares, lazy.Enrolled));
        for (int a = 0; sameMix && a < plain.Shares.Count; a++)
        {
            Assert.Equal(plain.Shares[a], lazy.Shares[a], 5);
        }
    }

    /// <summary>Ten scenarios, all at full availability but scenario <paramref name="scenario"/>, which loses <paramref name="loss"/>.</summary>
    private static double[] Down(int scenario, double loss) => [.. Enumerable.Range(0, 10).Select(s => s == scenario ? 1 - loss : 1)];
}
