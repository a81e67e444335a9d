using Simulation.Core.Optimization;
using static Simulation.Tests.Optimization.TestProblems;

namespace Simulation.Tests.Optimization;

/// <summary>Instances small enough to solve by hand: the solver must find exactly that optimum.</summary>
public sealed class SourcingSolverTests
{
    private static readonly SourcingSettings Exact = new() { RelativeGap = 0 };

    [Fact]
    public void Cost_FillsTheCheapestSupplierToCapacity_ThenTheNext()
    {
        // Demand 100: A (cost 1) takes its capacity 60, B (cost 2) the remaining 40; C (cost 3) nothing.
        var problem = OneBuyer(100, 0, new Offer("A", 1, 60), new Offer("B", 2, 100), new Offer("C", 3, 100));

        var solution = SourcingSolver.Solve(problem, Exact);

        Assert.Equal(SourcingStatus.Optimal, solution.Status);
        Assert.Equal([0.6, 0.4, 0], solution.Shares.Select(s => Math.Round(s, 9)));
        Assert.Equal(1.4, solution.Predicted[SourcingKpi.Cost], 9);
        Assert.Equal(0, solution.Gap, 9);
    }

    [Fact]
    public void MinimumShare_RulesOutASliver_SoTheMixShiftsToMeetIt()
    {
        // A is cheapest but capped at 0.7 by the share limit; the last 0.3 cannot go to C (1.5) because
        // a used supplier needs 0.4, so A drops to 0.6 and C takes 0.4: cost 0.6 + 0.6 = 1.2.
        var problem = OneBuyer(100, 0.4, new Offer("A", 1, 1000), new Offer("B", 2, 1000), new Offer("C", 1.5, 1000));

        var solution = SourcingSolver.Solve(problem, Exact with { MaxSupplierShare = 0.7 });

        Assert.Equal([0.6, 0, 0.4], solution.Shares.Select(s => Math.Round(s, 9)));
        Assert.Equal(1.2, solution.Predicted[SourcingKpi.Cost], 9);
    }

    [Fact]
    public void FixedRelationshipCost_ConsolidatesOnFewerSuppliers_WhenItOutweighsThePriceGap()
    {
        // Per unit: using B costs 50 / 100 = 0.5 more a day than its 0.2 price advantage saves on 50%.
        var problem = OneBuyer(100, 0, new Offer("A", 1.2, 1000, Fixed: 10), new Offer("B", 1.0, 50, Fixed: 60));

        var solution = SourcingSolver.Solve(problem, Exact);

        Assert.Equal([1, 0], solution.Shares.Select(s => Math.Round(s, 9)));
        Assert.Equal(1.2 + 0.1, solution.Predicted[SourcingKpi.Cost], 9);
    }

    [Fact]
    public void RegionShareLimit_SpreadsDemandAcrossRegions()
    {
        var problem = OneBuyer(100, 0,
            new Offer("A", 1, 1000, Region: "north"), new Offer("B", 1.1, 1000, Region: "north"), new Offer("C", 2, 1000, Region: "south"));

        var solution = SourcingSolver.Solve(problem, Exact with { MaxRegionShare = 0.75 });

        Assert.Equal([0.75, 0, 0.25], solution.Shares.Select(s => Math.Round(s, 9)));
        Assert.Equal(1.25, solution.Predicted[SourcingKpi.Cost], 9);
    }

    [Theory]
    [InlineData(0.75, 0.2, 0.25)]   // CVaR_0.75 = worst scenario = 0.1 + 0.4x <= 0.2  ->  x <= 0.25
    [InlineData(0.5, 0.13, 0.2)]    // CVaR_0.5 = mean of worst two = 0.1 + 0.15x <= 0.13  ->  x <= 0.2
    public void CvarCap_LimitsTheShareOfTheSupplierThatFailsInTheTail(double alpha, double cap, double expectedShareOfA)
    {
        // Four equally likely scenarios. A (cost 1) is fully available except in scenario 4 (half);
        // B (cost 2) always loses 10%. With x on A the losses are 0.1(1 - x) three times and 0.1 + 0.4x.
        var problem = OneBuyer(100, 0,
            new Offer("A", 1, 1000, Availability: [1, 1, 1, 0.5]),
            new Offer("B", 2, 1000, Availability: [0.9, 0.9, 0.9, 0.9]));

        var solution = SourcingSolver.Solve(problem, Exact with { CvarAlpha = alpha, Caps = new Dictionary<SourcingKpi, double> { [SourcingKpi.Cvar] = cap } });

        Assert.Equal(expectedShareOfA, solution.Shares[0], 6);
        Assert.Equal(cap, solution.Predicted[SourcingKpi.Cvar], 6);
        // Landed cost per unit of demand: only delivered units are paid for (A delivers 0.875 on average, B 0.9); no selling price, so no lost margin.
        Assert.Equal((expectedShareOfA * 0.875) + (2 * 0.9 * (1 - expectedShareOfA)), solution.Predicted[SourcingKpi.Cost], 6);
    }

    [Fact]
    public void ShortfallObjective_PicksTheMostAvailableSupplier()
    {
        var problem = OneBuyer(100, 0,
            new Offer("A", 1, 1000, Availability: [1, 0.5]),
            new Offer("B", 3, 1000, Availability: [0.95, 0.95]));

        var solution = SourcingSolver.Solve(problem, Exact with { Objective = SourcingKpi.Shortfall });

        Assert.Equal([0, 1], solution.Shares.Select(s => Math.Round(s, 9)));
        Assert.Equal(0.05, solution.Predicted[SourcingKpi.Shortfall], 9);
    }

    [Fact]
    public void ConflictingCaps_AreNamedWithTheValuesThatWouldWork()
    {
        // Cost <= 1.5 needs x_A >= 0.75, which puts CO2e at >= 2.5: both caps cannot hold.
        var problem = OneBuyer(100, 0, new Offer("A", 1, 1000, Co2e: 3), new Offer("B", 3, 1000, Co2e: 1));
        var caps = new Dictionary<SourcingKpi, double> { [SourcingKpi.Cost] = 1.5, [SourcingKpi.Co2e] = 1.5 };

        var solution = SourcingSolver.Solve(problem, Exact with { Objective = SourcingKpi.SocialRisk, Caps = caps });

        Assert.Equal(SourcingStatus.Infeasible, solution.Status);
        Assert.False(solution.HasMix);
        Assert.NotEmpty(solution.BindingConstraints);
        Assert.All(solution.BindingConstraints, b => Assert.Matches("^--cap (cost|co2e)$", b.Constraint));
        // The least relaxation moves the caps by 1 in total (cost - 1.5) + (co2e - 1.5) = 1 for any x in [0.25, 0.75].
        Assert.Equal(1, solution.BindingConstraints.Sum(b => b.Needed - b.Requested), 6);
        Assert.Contains("No mix meets every constraint", solution.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("INFEASIBLE", solution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLittleCapacity_NamesTheSuppliersThatWouldNeedMore()
    {
        var problem = OneBuyer(100, 0, new Offer("A", 1, 30), new Offer("B", 2, 50));

        var solution = SourcingSolver.Solve(problem, Exact);

        Assert.Equal(SourcingStatus.Infeasible, solution.Status);
        Assert.All(solution.BindingConstraints, b => Assert.StartsWith("capacity of ", b.Constraint, StringComparison.Ordinal));
        Assert.Equal(20, solution.BindingConstraints.Sum(b => b.Needed - b.Requested), 6);
    }

    [Fact]
    public void ShareLimitTooTightForTheCandidates_IsNamed()
    {
        var problem = OneBuyer(100, 0, new Offer("A", 1, 1000), new Offer("B", 2, 1000), new Offer("C", 3, 1000));

        var solution = SourcingSolver.Solve(problem, Exact with { MaxSupplierShare = 0.2 });

        var binding = Assert.Single(solution.BindingConstraints);
        Assert.Equal("--max-share (for buyer)", binding.Constraint);
        Assert.Equal(0.2, binding.Requested, 9);
        Assert.Equal(1.0 / 3, binding.Needed, 6);
    }
}
