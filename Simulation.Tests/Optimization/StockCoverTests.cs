using Simulation.Core.Network.Definitions;
using Simulation.Core.Optimization;
using Simulation.Core.Optimization.Internal;
using Simulation.Scenarios.Optimization;
using static Simulation.Tests.Optimization.TestProblems;

namespace Simulation.Tests.Optimization;

/// <summary>
/// Hand-solved instances for the stock-cover term (docs/optimizer.md, "Stock cover and lead time"):
/// a make-to-order supplier's queue lengthens the buyer's lead time until its order-up-to level no
/// longer covers it, a safety stock absorbs disrupted supply, the lost sales are priced, and a
/// min-max input stock whose reorder point does not cover its lead time feeds less than capacity.
/// </summary>
public sealed class StockCoverTests
{
    private static readonly SourcingSettings Exact = new() { RelativeGap = 0 };

    /// <summary>
    /// One buyer, 100 a day, one 100-day period in each of two replications, cover C = 50 days, review
    /// R = 10. A (cost 1) ships from stock after 30 days in transit and never fails; B (cost 0.9 per
    /// unit delivered, 95% delivered on average) makes to order: its queue is
    /// q(v) = 0, 5, 20 days at v = 0, 0.5, 1, so the lead time is L = 30 + q(v_B). B loses 10% in the
    /// second replication. G(L) = (L - 40) / 100 below L = 40 (the safety stock, 50 - (10 + L) days, over
    /// the 100-day period), (L - 40) / (10 + L) above.
    /// </summary>
    internal static SourcingProblem Instance(double shortfallCost)
    {
        var problem = OneBuyer(100, 0,
            new Offer("A", 1, 1000, Availability: [1, 1]),
            new Offer("B", 0.9, 1000, Availability: [1, 0.9]));
        return problem with
        {
            Buyers = [problem.Buyers[0] with { Cover = new StockCover(50, 10, [30, 40, 50]) { ShortfallCostPerUnit = shortfallCost } }],
            Candidates = [problem.Candidates[0], problem.Candidates[1] with { Queue = new QueueCurve([0, 0.5, 1], [0, 5, 20]) }],
            Arcs = [.. problem.Arcs.Select(a => a with { LeadTimeDays = 30 })],
            PeriodsPerReplication = 1,
            PeriodDemandFactors = [1],
            PeriodLengthsDays = [100],
        };
    }

    [Fact]
    public void TheSafetyStock_AbsorbsDisruptedSupply_UntilTheQueueEatsIt()
    {
        var problem = Instance(0);

        // v_B = 0.5: q = 5, L = 35, G = -0.05; B's 10% loss on half the volume (0.05) is absorbed exactly.
        Assert.Equal(35, problem.LeadTimeDays(0, [0.5, 0.5], [0.5, 0.5]), 12);
        Assert.Equal(0, SourcingEvaluation.Evaluate(problem, [0.5, 0.5], [], 0.5)[SourcingKpi.Shortfall], 12);

        // v_B = 0.6: q = 5 + 30 x 0.1 = 8, L = 38, G = -0.02; replication 2 loses 0.06 - 0.02 = 0.04: mean 0.02.
        Assert.Equal(0.02, SourcingEvaluation.Evaluate(problem, [0.4, 0.6], [], 0.5)[SourcingKpi.Shortfall], 12);

        // All on B: q = 20, L = 50, the cover is 10 days short: G = 10 / 60 in both, plus 0.1 in replication 2.
        Assert.Equal((10.0 / 60) + 0.05, SourcingEvaluation.Evaluate(problem, [0, 1], [], 0.5)[SourcingKpi.Shortfall], 12);

        // The proportional model alone would have lost 0.025 at v_B = 0.5: the cover is what lets B carry half.
        // Cheapest mix with no shortfall: replication 2 needs 0.1 v + G(L(v)) <= 0, i.e. 0.2 v - 0.1 <= 0
        // up to v = 0.5 and 0.4 v - 0.2 above: v_B = 0.5, cost 0.5 x 1 + 0.5 x 0.95 x 0.9.
        var solution = SourcingSolver.Solve(problem, Exact with { Caps = new Dictionary<SourcingKpi, double> { [SourcingKpi.Shortfall] = 0 } });
        Assert.Equal(0.5, solution.Shares[1], 6);
        Assert.Equal(0.5 + (0.5 * 0.95 * 0.9), solution.Predicted[SourcingKpi.Cost], 6);
    }

    [Fact]
    public void LostSales_ArePriced_SoTheCheapQueueIsFilledOnlyUntilTheCoverRunsOut()
    {
        // Each period at B's mean availability 0.95: period loss max(0, 0.05 v + G(L(v))), 0.15 v - 0.1
        // up to v = 0.5 and 0.35 v - 0.2 above, positive from v = 4/7. Cost = 1 - 0.145 v + k (period
        // loss - 0.05 v). At k = 1: falling (slope -0.195) up to 4/7, rising (slope +0.155) after.
        var priced = SourcingSolver.Solve(Instance(1), Exact);
        Assert.Equal(4.0 / 7, priced.Shares[1], 6);
        Assert.Equal(1 - (0.195 * 4 / 7), priced.Predicted[SourcingKpi.Cost], 6);
        Assert.Equal(1 - (0.195 * 4 / 7), SourcingEvaluation.Evaluate(Instance(1), priced.Shares, [], 0.95)[SourcingKpi.Cost], 9);

        // Unpriced (k = 0), lost sales cost nothing beyond the arcs' own lost margin (0 here): all on B.
        Assert.Equal(1, SourcingSolver.Solve(Instance(0), Exact).Shares[1], 6);
    }

    [Fact]
    public void TheEnvelope_IsExactWhereTheCoverLossIsConvex_AndAChordWhereItIsConcave()
    {
        // C = 50, R = 10, f = 1, T = 100. Above L = 40 G = 1 - 50 / (10 + L) is concave: 0, 1/6, 2/7 at
        // L = 40, 50, 60; the envelope over [30, 40, 50, 60] joins (40, 0) to (60, 2/7).
        var cover = new StockCover(50, 10, [30, 40, 50, 60]);
        Assert.Equal(-0.1, cover.CoverLossEnvelope(1, 100, 30), 12);
        Assert.Equal(0, cover.CoverLossEnvelope(1, 100, 40), 12);
        Assert.Equal(1.0 / 7, cover.CoverLossEnvelope(1, 100, 50), 12);
        Assert.Equal(1.0 / 6, cover.CoverLoss(1, 100, 50), 12);
        Assert.Equal(2.0 / 7, cover.CoverLossEnvelope(1, 100, 60), 12);
    }

    [Fact]
    public void AMinMaxInputStock_WhoseReorderPointMissesTheLeadTime_FeedsLessThanCapacity()
    {
        // S = 700, s = 300, 0.25 per unit, capacity 208 a day (52 a day of input), lead 8.4 days,
        // continuous review. From an order at s: 300 lasts 5.77 days, the order of 400 arrives at
        // 8.4; the next order goes out when 100 more are used (1.92 days). A cycle of 10.32 days feeds
        // 400 / 0.25 = 1,600 units: 155 a day. The level bound S / (q L) = 333 would miss it.
        var policy = new InventoryPolicy { Kind = InventoryPolicyKind.MinMax, ReorderPoint = 300, OrderUpTo = 700 };
        double expected = 1600 / (8.4 + (100 / 52.0));
        Assert.Equal(expected, InputFeed.UnitsPerDay(policy, 0.25, 8.4, 208), expected * 0.01);

        // A reorder point that covers the lead time (52 x 8.4 = 437 <= 500) feeds the full capacity.
        Assert.Equal(208, InputFeed.UnitsPerDay(policy with { ReorderPoint = 500, OrderUpTo = 900 }, 0.25, 8.4, 208), 208 * 0.01);
    }

    [Fact]
    public void Refine_LowersTheCoverToWhatTheSimulationLost_SoTheReSolveMovesVolumeOffTheQueue()
    {
        // Round 1: at most 2% shortfall. Replication 2 loses 0.2 v - 0.1 up to v = 0.5 and 0.4 v - 0.2
        // above, so the mean 0.2 v - 0.1 <= 0.02 gives v_B = 0.6 (0.02 exactly, as evaluated above).
        var settings = Exact with { Caps = new Dictionary<SourcingKpi, double> { [SourcingKpi.Shortfall] = 0.02 } };
        var problem = Instance(0);
        var round1 = SourcingSolver.Solve(problem, settings);
        Assert.Equal(0.6, round1.Shares[1], 6);
        Assert.Equal(0.02, round1.Predicted[SourcingKpi.Shortfall], 6);

        // The simulation of round 1's mix lost 6%: the cover comes down by x days until the prediction
        // at that mix says 6%. With C = 50 - x, G = (x - 10) / 100 at L = 30 and x / 50 at L = 40, so at
        // L = 38 G = (1.8 x - 2) / 100; the mean of max(0, G) and max(0, 0.06 + G) is (3.6 x + 2) / 200
        // = 0.06 at x = 25 / 9: C = 47.22.
        var refined = SimulationFeedback.CalibrateCover(problem, round1.Shares, 0.06);
        Assert.Equal(50 - (25.0 / 9), refined.Buyers[0].Cover!.OrderUpToDays, 6);
        Assert.Equal(0.06, SourcingEvaluation.Evaluate(refined, round1.Shares, [], 0.5)[SourcingKpi.Shortfall], 6);

        // Round 2 re-solves with that cover: below v = 0.5 G = (-13 + 23 v) / 180 < 0, so only
        // replication 2 loses, (41 v - 13) / 180, and its half <= 0.02 gives v_B = 20.2 / 41 = 0.4927:
        // less volume on the queueing supplier than round 1's 0.6.
        var round2 = SourcingSolver.Solve(refined, settings);
        Assert.Equal(20.2 / 41, round2.Shares[1], 6);
        Assert.Equal(0.02, round2.Predicted[SourcingKpi.Shortfall], 6);

        // Termination: a simulation that agrees with the prediction changes nothing, and the cover is
        // never raised by a simulation that lost less than predicted.
        Assert.Same(refined, SimulationFeedback.CalibrateCover(refined, round1.Shares, 0.06));
        Assert.Same(problem, SimulationFeedback.CalibrateCover(problem, round1.Shares, 0.001));
    }
}
