using Simulation.Core.Optimization;
using static Simulation.Tests.Optimization.TestProblems;

namespace Simulation.Tests.Optimization;

/// <summary>
/// Hand-solved instances for the terms that make the prediction see what the simulation sees:
/// periods with seasonal demand, spare capacity (utilisation and peak), upper-tier capacity, supplier
/// viability, lost margin, the share-change limit and the cap-led infeasibility explanation.
/// </summary>
public sealed class SourcingModelTermsTests
{
    private static readonly SourcingSettings Exact = new() { RelativeGap = 0 };

    [Fact]
    public void Periods_WeightTheShortfallByTheirDemand_AndTheCvarCountsEachPeriodOnce()
    {
        // One replication in two periods: demand 1.5x in the peak period, 0.5x in the low one. A fails
        // completely in the peak, B loses 20% in the low period. Shortfall = demand-weighted:
        // A: (1.5 x 1 + 0.5 x 0) / 2 = 0.75;  B: (1.5 x 0 + 0.5 x 0.2) / 2 = 0.05.
        var problem = OneBuyer(100, 0,
            new Offer("A", 1, 1000, Availability: [0, 1]),
            new Offer("B", 1, 1000, Availability: [1, 0.8])) with { ScenarioDemandFactors = [1.5, 0.5], PeriodsPerReplication = 2 };

        Assert.Equal(0.75, SourcingEvaluation.Evaluate(problem, [1, 0], [], 0.5)[SourcingKpi.Shortfall], 12);
        Assert.Equal(0.05, SourcingEvaluation.Evaluate(problem, [0, 1], [], 0.5)[SourcingKpi.Shortfall], 12);

        // Minimise shortfall: with x on A, L = 0.75x + 0.05(1 - x), so all on B.
        var solution = SourcingSolver.Solve(problem, Exact with { Objective = SourcingKpi.Shortfall });
        Assert.Equal([0, 1], solution.Shares.Select(s => Math.Round(s, 9)));

        // CVaR at 0.5 over the two periods = the worse period: A's mix 1 (peak lost), B's 0.2; a 50/50 mix max(0.5, 0.1) = 0.5.
        Assert.Equal(0.5, SourcingEvaluation.Evaluate(problem, [0.5, 0.5], [], 0.5)[SourcingKpi.Cvar], 12);
    }

    [Fact]
    public void Cost_IsPerUnitOfDemand_WithTheLostMarginOfWhatIsNotDelivered()
    {
        // A costs 4 and delivers 90% on average, B costs 4.5 and always delivers; the buyer sells at 10.
        // Per unit of demand: A 0.9 x 4 + 0.1 x (10 - 4) = 4.2; B 4.5. Without the lost margin A looked at 3.6.
        var problem = OneBuyer(100, 0,
            new Offer("A", 4, 1000, Availability: [0.8, 1]),
            new Offer("B", 4.5, 1000, Availability: [1, 1]));
        problem = problem with { Arcs = [.. problem.Arcs.Select(a => a with { LostMarginPerUnit = 10 - a.CostPerUnit })] };

        Assert.Equal(4.2, SourcingEvaluation.Evaluate(problem, [1, 0], [], 0.95)[SourcingKpi.Cost], 12);
        Assert.Equal(4.5, SourcingEvaluation.Evaluate(problem, [0, 1], [], 0.95)[SourcingKpi.Cost], 12);
        Assert.Equal([1, 0], SourcingSolver.Solve(problem, Exact).Shares.Select(s => Math.Round(s, 9)));

        // At a selling price of 20 a lost sale costs 16: A = 3.6 + 1.6 = 5.2 > 4.5, so B.
        var dearer = problem with { Arcs = [.. problem.Arcs.Select(a => a with { LostMarginPerUnit = 20 - a.CostPerUnit })] };
        Assert.Equal([0, 1], SourcingSolver.Solve(dearer, Exact).Shares.Select(s => Math.Round(s, 9)));
    }

    [Fact]
    public void UtilisationLimit_AtThePeak_KeepsSpareCapacity_AndMovesVolumeToTheDearerSupplier()
    {
        // Demand 100 a day, peak period 1.25x. A (cost 1) has capacity 100, B (cost 2) 1000. Without limits all on A.
        // At most 80% of A's capacity at the peak: 1.25 x 100 x a <= 0.8 x 100  ->  a <= 0.64.
        var problem = OneBuyer(100, 0, new Offer("A", 1, 100), new Offer("B", 2, 1000)) with { PeakDemandFactor = 1.25 };

        Assert.Equal([0.8, 0.2], SourcingSolver.Solve(problem, Exact).Shares.Select(s => Math.Round(s, 9)));
        var solution = SourcingSolver.Solve(problem, Exact with { MaxUtilisation = 0.8 });
        Assert.Equal([0.64, 0.36], solution.Shares.Select(s => Math.Round(s, 9)));
        Assert.Equal(0.64 + (2 * 0.36), solution.Predicted[SourcingKpi.Cost], 9);
        Assert.Empty(SourcingEvaluation.Violations(problem, Exact with { MaxUtilisation = 0.8 }, solution.Shares, []));
        Assert.NotEmpty(SourcingEvaluation.Violations(problem, Exact with { MaxUtilisation = 0.8 }, [0.8, 0.2], []));
    }

    [Fact]
    public void UpperTierCapacity_LimitsTheTierOneSuppliersThatDrawOnIt()
    {
        // A (cost 1) buys 0.8 kg a unit from a mill of 60 kg a day, B (cost 2) nothing from it.
        // Demand 100: 0.8 x 100 x a <= 60, so a <= 0.75.
        var problem = OneBuyer(100, 0, new Offer("A", 1, 1000), new Offer("B", 2, 1000)) with
        {
            UpstreamCapacities = [new UpstreamCapacity("mill", 60, [(0, 0.8)])],
        };

        var solution = SourcingSolver.Solve(problem, Exact);

        Assert.Equal([0.75, 0.25], solution.Shares.Select(s => Math.Round(s, 9)));
    }

    [Fact]
    public void Viability_ASupplierUsedAtAllGetsTheVolumeItNeedsToStay_OrNone()
    {
        // A (cost 1, capacity 30) would take 30 of 100; B (cost 2) the rest. A needs 40 a day to stay in
        // business, more than it can make: it is not used. C (cost 1.5) needs 50 a day: it takes 70.
        var problem = OneBuyer(100, 0, new Offer("A", 1, 30), new Offer("C", 1.5, 70), new Offer("B", 2, 1000));
        problem = problem with
        {
            Candidates = [problem.Candidates[0] with { MinViableUnitsPerDay = 40 }, problem.Candidates[1] with { MinViableUnitsPerDay = 50 }, problem.Candidates[2]],
        };

        var solution = SourcingSolver.Solve(problem, Exact);

        Assert.Equal([0, 0.7, 0.3], solution.Shares.Select(s => Math.Round(s, 9)));

        // With C's minimum above what is left after the others, the model still keeps it whole or out.
        var tight = problem with { Candidates = [problem.Candidates[0], problem.Candidates[1] with { MinViableUnitsPerDay = 80 }, problem.Candidates[2]] };
        Assert.Equal([0, 0, 1], SourcingSolver.Solve(tight, Exact).Shares.Select(s => Math.Round(s, 9)));
    }

    [Fact]
    public void MaxChange_KeepsEveryShareWithinTheLimitOfToday()
    {
        // Today 50/50 on A (cost 1) and B (cost 2); without a limit all moves to A. At most 0.2 of a move: 0.7/0.3.
        var problem = OneBuyer(100, 0, new Offer("A", 1, 1000), new Offer("B", 2, 1000)) with { BaselineShares = [0.5, 0.5] };

        var solution = SourcingSolver.Solve(problem, Exact with { MaxShareChange = 0.2 });

        Assert.Equal([0.7, 0.3], solution.Shares.Select(s => Math.Round(s, 9)));
    }

    [Fact]
    public void InfeasibleCap_LeadsWithTheUsersOption_AndTheLowestReachableValue()
    {
        // A loses 50% in one of two scenarios, B 20% in the other; the CVaR at 0.5 is the worse scenario:
        // max(0.5a, 0.2(1 - a)), lowest at a = 2/7: 1/7 = 0.1429. A cap of 0.1 cannot be met.
        var problem = OneBuyer(100, 0, new Offer("A", 1, 1000, Availability: [0.5, 1]), new Offer("B", 2, 1000, Availability: [1, 0.8]));

        var solution = SourcingSolver.Solve(problem, Exact with { CvarAlpha = 0.5, Caps = new Dictionary<SourcingKpi, double> { [SourcingKpi.Cvar] = 0.1 } });

        Assert.Equal(SourcingStatus.Infeasible, solution.Status);
        var binding = Assert.Single(solution.BindingConstraints);
        Assert.Equal("--max-cvar", binding.Constraint);
        Assert.Equal(1.0 / 7, binding.LowestReachable!.Value, 6);
        Assert.Contains("--max-cvar 0.1 cannot be met; the lowest reachable is 0.1429", solution.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("capacity", solution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void CapacityExpansions_AreSuggestedOnlyWhenNothingElseWorks_OrWhenAsked()
    {
        // Capacity 80 for demand 100 with a cost cap that no mix breaks: only capacity can help.
        var problem = OneBuyer(100, 0, new Offer("A", 1, 30), new Offer("B", 2, 50));
        var solution = SourcingSolver.Solve(problem, Exact with { Caps = new Dictionary<SourcingKpi, double> { [SourcingKpi.Cost] = 10 } });

        Assert.All(solution.BindingConstraints, b => Assert.True(b.IsCapacity));
        Assert.StartsWith("No mix meets the demand with today's capacities", solution.Explanation, StringComparison.Ordinal);

        // A cap that a capacity expansion would also fix is explained by the cap alone unless asked.
        var cheap = OneBuyer(100, 0, new Offer("A", 1, 50), new Offer("B", 3, 1000));
        var caps = new Dictionary<SourcingKpi, double> { [SourcingKpi.Cost] = 1.5 };
        var byCap = SourcingSolver.Solve(cheap, Exact with { Caps = caps });
        Assert.Equal(["--cap cost"], byCap.BindingConstraints.Select(b => b.Constraint));
        Assert.Equal(2, byCap.BindingConstraints[0].LowestReachable!.Value, 6);
        var asked = SourcingSolver.Solve(cheap, Exact with { Caps = caps, SuggestCapacity = true });
        Assert.Contains(asked.BindingConstraints, b => b.IsCapacity);
    }
}
