using Simulation.Core.Optimization;
using static Simulation.Tests.Optimization.TestProblems;

namespace Simulation.Tests.Optimization;

/// <summary>
/// The per-supplier outage weight fitted to paired shortfall scenarios (docs/optimizer.md, "Shortfall
/// scenarios by supplier"), on hand-computed instances: one buyer, two suppliers, no stock cover, four
/// replications of one period (so scenario s is replication s). A is down 20% in scenario 1 and 50% in
/// scenario 3; B 10% in scenario 2 and 20% in scenario 3.
/// </summary>
public sealed class OutageAmplificationTests
{
    private static SourcingProblem Instance(double[] availabilityB) => OneBuyer(100, 0,
        new Offer("A", 1, 1000, Availability: [1, 0.8, 1, 0.5]),
        new Offer("B", 2, 1000, Availability: availabilityB));

    /// <summary>What a simulation losing (1 + k_c) times each outage shows, per replication: sum_c v_c (1 + k_c) (1 - a_cs) (no baseline: all of a share is above today's).</summary>
    private static double[][] Simulated(SourcingProblem problem, double[] shares, double[] weights) =>
        [.. SourcingEvaluation.ScenarioLosses(OutageAmplification.WithWeights(problem, weights), shares).Select(l => new[] { l })];

    [Fact]
    public void TwoMixesWhoseLossesAreAmplifiedOutages_GiveBackTheExactWeights()
    {
        // Mix 1 (0.5, 0.5) simulates 0, 0.18, 0.075, 0.45 + 0.15 = 0.6; mix 2 (0.8, 0.2) 0, 0.288, 0.03, 0.72 + 0.06 = 0.78:
        // k_A = 0.8 and k_B = 0.5. Two mixes are needed: scenario 3 alone cannot tell A's share of the loss from B's.
        var problem = Instance([1, 1, 0.9, 0.8]);
        var mix1 = Simulated(problem, [0.5, 0.5], [0.8, 0.5]);
        var mix2 = Simulated(problem, [0.8, 0.2], [0.8, 0.5]);
        Assert.Equal([0, 0.18, 0.075, 0.6], mix1.Select(r => Math.Round(r[0], 12)));
        Assert.Equal([0, 0.288, 0.03, 0.78], mix2.Select(r => Math.Round(r[0], 12)));

        var weights = OutageAmplification.Fit(problem, [new([0.5, 0.5], mix1), new([0.8, 0.2], mix2)]);
        Assert.Equal(0.8, weights[0], 9);
        Assert.Equal(0.5, weights[1], 9);

        // The prediction is unchanged where the simulation matched it: no weight.
        var unchanged = OutageAmplification.Fit(problem, [new([0.5, 0.5], Simulated(problem, [0.5, 0.5], [0, 0]))]);
        Assert.Equal([0.0, 0.0], unchanged);
    }

    [Fact]
    public void ASupplierThatLostLessThanItsOutage_KeepsWeightZero_AndTheOtherIsFittedAlone()
    {
        // B down only in scenario 2, whose simulated loss (0) is below its predicted 0.05: least squares
        // would put k_B = -1; the bound keeps it at 0, and A's scenarios (1, 3) still give k_A = 0.8.
        var problem = Instance([1, 1, 0.9, 1]);
        var simulated = Simulated(problem, [0.5, 0.5], [0.8, 0]);
        simulated[2][0] = 0;
        var weights = OutageAmplification.Fit(problem, [new([0.5, 0.5], simulated)]);
        Assert.Equal(0.8, weights[0], 9);
        Assert.Equal(0, weights[1]);
    }

    [Fact]
    public void TheSolver_SeesTheWeightedOutages_InItsShortfallRows()
    {
        // Shortfall cap 0.15. Unweighted the mean loss is 0.175 v_A + 0.075 (1 - v_A): cheap A up to 0.75.
        // With k = (0.8, 0.5) it is 0.315 v_A + 0.1125 (1 - v_A): v_A = 0.0375 / 0.2025.
        var problem = Instance([1, 1, 0.9, 0.8]);
        var cap = new SourcingSettings { RelativeGap = 0, Caps = new Dictionary<SourcingKpi, double> { [SourcingKpi.Shortfall] = 0.15 } };
        Assert.Equal(0.75, SourcingSolver.Solve(problem, cap).Shares[0], 6);

        var weighted = OutageAmplification.WithWeights(problem, [0.8, 0.5]);
        var solution = SourcingSolver.Solve(weighted, cap);
        Assert.Equal(0.0375 / 0.2025, solution.Shares[0], 6);
        Assert.Equal(0.15, SourcingEvaluation.Evaluate(weighted, solution.Shares, [], 0.95)[SourcingKpi.Shortfall], 6);

        // With today's mix at (0.5, 0.5) only the share above today's is weighted: today's prediction is
        // unchanged (0.125), and above v_A = 0.5 the loss is 0.075 + 0.1 v_A + 0.8 x 0.175 (v_A - 0.5): v_A = 0.145 / 0.24.
        var fromToday = weighted with { BaselineShares = [0.5, 0.5] };
        Assert.Equal(0.125, SourcingEvaluation.Evaluate(fromToday, [0.5, 0.5], [], 0.95)[SourcingKpi.Shortfall], 12);
        Assert.Equal(0.145 / 0.24, SourcingSolver.Solve(fromToday, cap).Shares[0], 6);
    }

    [Fact]
    public void ANegativeWeight_IsRefused()
    {
        var problem = Instance([1, 1, 0.9, 0.8]);
        var bad = problem with { Candidates = [problem.Candidates[0] with { OutageWeight = -0.1 }, problem.Candidates[1]] };
        Assert.Contains("outage weight", Assert.Throws<ArgumentException>(bad.Validate).Message, StringComparison.Ordinal);
    }
}
