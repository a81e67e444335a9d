using Simulation.Core.Optimization;

namespace Simulation.Tests.Optimization;

/// <summary>
/// The stock cover's absorption fitted to a simulated tail (docs/optimizer.md, "Calibrated absorption"),
/// on a hand-solved instance: one buyer (100 a day, cover C = 50 days, review R = 10), two suppliers,
/// one 100-day period in each of two replications. A (cost 1) ships from stock after 30 days and never
/// fails; B (cost 0.9) makes to order with a queue q(v) = 10 v up to v = 0.5 and 5 + 30 (v - 0.5) above,
/// and loses 10% of its capacity in replication 2. Below L = 40 days the cover term is
/// G = (L - 40) / 100 - A / 100 (the safety stock and the absorption over the period).
/// </summary>
public sealed class TailCalibrationTests
{
    private static readonly SourcingSettings Exact = new() { RelativeGap = 0, CvarAlpha = 0.5 };

    /// <summary>The stock-cover instance of <see cref="StockCoverTests"/>, lost sales unpriced.</summary>
    private static SourcingProblem Instance() => StockCoverTests.Instance(0);

    [Fact]
    public void TheFit_IsTheAbsorptionAtWhichTodaysPredictedTailMeetsItsSimulatedOne()
    {
        // Today: 0.6 on B. L = 30 + 8 = 38, G = -0.02 - A / 100. Replication 1 loses nothing; replication 2
        // max(0, 0.06 - 0.02 - A / 100). At alpha 0.5 the CVaR of two outcomes is the worse: 0.04 - A / 100.
        var problem = Instance();
        double[] today = [0.4, 0.6];
        Assert.Equal(0.04, SourcingEvaluation.Evaluate(problem, today, [], 0.5)[SourcingKpi.Cvar], 12);

        // Simulated 0.01: A = 100 (0.04 - 0.01 (1 - 0.001)) = 3.001 days.
        var fit = TailCalibration.Fit(problem, today, 0.01, 0.5);
        Assert.Equal(3.001, fit.AbsorptionDays, 6);
        Assert.Equal(0.04, fit.PredictedCvarBefore, 12);
        Assert.Equal(0.00999, fit.PredictedCvarAfter, 8);
        Assert.Equal(0.00999, SourcingEvaluation.Evaluate(fit.Apply(problem), today, [], 0.5)[SourcingKpi.Cvar], 8);

        // Simulated 0: the least absorption that cancels replication 2's loss, 4 days.
        Assert.Equal(4, TailCalibration.Fit(problem, today, 0, 0.5).AbsorptionDays, 6);

        // A simulation worse than the prediction leaves the cover as it is: the fit only removes pessimism.
        var worse = TailCalibration.Fit(problem, today, 0.05, 0.5);
        Assert.Equal(0, worse.AbsorptionDays);
        Assert.StartsWith("Continuity is judged on the uncalibrated prediction", worse.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACapAtTodaysSimulatedTail_AdmitsTodaysMix_OnlyOnceCalibrated()
    {
        // Cap the CVaR at today's simulated 0.01. Uncalibrated, replication 2 loses 0.2 v - 0.1 up to
        // v = 0.5 and 0.4 v - 0.2 above, so the cheapest mix puts v_B = 0.525 and today's 0.6 breaks the cap.
        var problem = Instance();
        var cap = Exact with { Caps = new Dictionary<SourcingKpi, double> { [SourcingKpi.Cvar] = 0.01 } };
        var uncalibrated = SourcingSolver.Solve(problem, cap);
        Assert.Equal(0.525, uncalibrated.Shares[1], 6);
        Assert.NotEmpty(SourcingEvaluation.Violations(problem, cap, [0.4, 0.6], []));

        // Calibrated (A = 3.001), replication 2 loses 0.4 v - 0.23001: v_B = 0.24001 / 0.4 = 0.600025, and
        // today's mix meets the cap.
        var calibrated = TailCalibration.Fit(problem, [0.4, 0.6], 0.01, 0.5).Apply(problem);
        Assert.Empty(SourcingEvaluation.Violations(calibrated, cap, [0.4, 0.6], []));
        var solution = SourcingSolver.Solve(calibrated, cap);
        Assert.Equal(0.600025, solution.Shares[1], 6);
        Assert.Equal(0.01, solution.Predicted[SourcingKpi.Cvar], 6);
    }

    [Fact]
    public void AStockCover_RefusesANegativeAbsorption()
    {
        var cover = new StockCover(50, 10, [30, 40]) { AbsorptionDays = -1 };
        Assert.Throws<ArgumentException>(() => cover.Validate("brand"));
        Assert.Equal(-0.1 - 0.02, (cover with { AbsorptionDays = 2 }).CoverLoss(1, 100, 30), 12);
    }
}
