using System.Globalization;

namespace Simulation.Core.Optimization;

/// <summary>
/// The stock cover's absorption fitted to a simulated tail (docs/optimizer.md, "Calibrated absorption").
/// The cover model lets a safety stock absorb a disruption once per period; in the simulation stocks,
/// input buffers and catch-up production after the outage recover much more (quickstart's own mix: CVaR
/// predicted 0.057, simulated 0.0008). Prediction scenario s replays the disruptions of simulation
/// replication s / P in period s mod P, so a simulated mix says how much of the predicted tail the
/// network absorbs. The fit is the smallest A >= 0 (days of mean demand per period, the same for every
/// covered buyer, <see cref="StockCover.AbsorptionDays"/>) at which the predicted CVaR of the simulated
/// mix is at most its simulated CVaR (less <see cref="Margin"/>, so a cap typed from the printed figure
/// still admits the mix). The predicted CVaR is non-increasing in A, so bisection finds it. A = 0 when
/// the prediction is not above the simulation: the calibration only removes pessimism. A negative A
/// was tried and left out: on smart-mix, whose tail comes from import-ban detentions the disruption
/// scenarios do not hold, matching the tail by a loss added to every period put the mean shortfall at
/// 0.097 against 0.017 simulated; a tail the model cannot see is left to the simulation check.
/// Scaling the safety stock instead (k times a period) would tie the absorption to the mix's lead time,
/// but it turns the cover term concave where the cover just covers the lead time, so its convex
/// envelope (what the solver sees) jumps there and the fitted tail is no longer monotone in k; an
/// absorption added to the cover term keeps the envelope exact.
/// </summary>
/// <param name="AbsorptionDays">A, the fitted absorption.</param>
/// <param name="PredictedCvarBefore">The mix's predicted CVaR with the problem's absorption before the fit.</param>
/// <param name="PredictedCvarAfter">Its predicted CVaR at <paramref name="AbsorptionDays"/>.</param>
/// <param name="SimulatedCvar">The simulated CVaR the fit matched.</param>
public sealed record TailCalibration(double AbsorptionDays, double PredictedCvarBefore, double PredictedCvarAfter, double SimulatedCvar)
{
    /// <summary>Relative margin below the simulated CVaR the fit aims at (a cap typed with four significant digits differs by up to 5e-4).</summary>
    public const double Margin = 1e-3;

    /// <summary>Fits the absorption so that the predicted CVaR of <paramref name="shares"/> is at most <paramref name="simulatedCvar"/> x (1 - <see cref="Margin"/>).</summary>
    /// <exception cref="ArgumentException">The problem has no stock cover, or the simulated CVaR is negative or not finite.</exception>
    public static TailCalibration Fit(SourcingProblem problem, IReadOnlyList<double> shares, double simulatedCvar, double alpha)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(shares);
        if (!problem.HasStockCover)
        {
            throw new ArgumentException("Only a stock cover's absorption can be calibrated; no buyer has one.", nameof(problem));
        }

        if (!(simulatedCvar >= 0) || !double.IsFinite(simulatedCvar))
        {
            throw new ArgumentException($"The simulated CVaR must be finite and non-negative, got {simulatedCvar}.", nameof(simulatedCvar));
        }

        double Predicted(double days) =>
            SourcingEvaluation.ConditionalValueAtRisk(SourcingEvaluation.ScenarioLosses(WithAbsorption(problem, days), shares), alpha);
        double before = SourcingEvaluation.ConditionalValueAtRisk(SourcingEvaluation.ScenarioLosses(problem, shares), alpha);
        double target = simulatedCvar * (1 - Margin);
        if (Predicted(0) <= target)
        {
            return new TailCalibration(0, before, Predicted(0), simulatedCvar);
        }

        // A = 2 f T in every period cancels any loss share (at most 1 from disruptions, below 1 from the cover).
        double high = 2 * Enumerable.Range(0, Math.Max(1, problem.PeriodsPerReplication))
            .Select(p => problem.Period(p)).Max(p => p.DemandFactor * p.LengthDays);
        double low = 0;
        for (int i = 0; i < 60 && high - low > 1e-9 * high; i++)
        {
            double middle = (low + high) / 2;
            (Predicted(middle) <= target ? ref high : ref low) = middle;
        }

        return new TailCalibration(high, before, Predicted(high), simulatedCvar);
    }

    /// <summary>The problem with every buyer's stock cover absorbing <paramref name="days"/> (others unchanged).</summary>
    public static SourcingProblem WithAbsorption(SourcingProblem problem, double days)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem with
        {
            Buyers = [.. problem.Buyers.Select(b => b.Cover is { } cover ? b with { Cover = cover with { AbsorptionDays = days } } : b)],
        };
    }

    /// <summary>The sentence the outputs lead their continuity figures with.</summary>
    public string Describe() => AbsorptionDays > 0
        ? string.Create(CultureInfo.InvariantCulture, $"Continuity is judged on the prediction calibrated to today's simulated tail: stocks and catch-up absorb {AbsorptionDays:0.##} days of demand per period (today's predicted CVaR {PredictedCvarBefore:G3} uncalibrated, {PredictedCvarAfter:G3} calibrated, {SimulatedCvar:G3} simulated; --no-calibration turns this off).")
        : string.Create(CultureInfo.InvariantCulture, $"Continuity is judged on the uncalibrated prediction: today's predicted CVaR {PredictedCvarBefore:G3} is not above its simulated {SimulatedCvar:G3}, so the simulation loses in ways the disruption scenarios do not hold (e.g. detentions, exits) and only the simulated columns show them.");

    /// <summary>The problem with this calibration's absorption.</summary>
    public SourcingProblem Apply(SourcingProblem problem) => WithAbsorption(problem, AbsorptionDays);
}
