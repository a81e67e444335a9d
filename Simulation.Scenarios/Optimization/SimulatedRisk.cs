using Simulation.Core.Network;
using Simulation.Core.Optimization;
using Simulation.Core.Statistics;

namespace Simulation.Scenarios.Optimization;

/// <summary>
/// The simulated shortfall risk, with the prediction's definitions (docs/optimizer.md, "Simulated as"):
/// each replication's measured window is cut into the optimizer's periods, the shortfall share of a
/// period is 1 - (demand met on arrival) / demand over it, and the CVaR at alpha is taken over every
/// (replication, period) outcome, R x P of them, each equally likely, as the optimizer takes it over
/// its (scenario, period) outcomes. Its 95% CI comes from the jackknife over replications (leave one
/// replication, all its periods, out): se = sqrt((R - 1) / R sum_r (cvar_-r - mean)^2), CI = cvar +-
/// t(R - 1) se. A paired difference of two mixes on the same random numbers uses the same jackknife on
/// the difference; for the other KPIs it is the Student t interval of the per-replication differences.
/// </summary>
public static class SimulatedRisk
{
    /// <summary>Outcomes in the CVaR's tail below which the figure is a handful of samples: the outputs warn.</summary>
    public const int FewTailOutcomes = 5;

    /// <summary>Shortfall share of each period, from a replication's time series (<c>demand_units</c>, <c>fill_rate</c>).</summary>
    public static double[] PeriodShortfalls(TimeSeries series, IReadOnlyList<(double From, double To)> periods)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(periods);
        var days = series.Days;
        var demand = series.Column("demand_units");
        var fill = series.Column("fill_rate");
        var shortfalls = new double[periods.Count];
        for (int p = 0; p < periods.Count; p++)
        {
            double wanted = 0, met = 0;
            for (int i = 0; i < days.Count; i++)
            {
                // A sample at day t counts what happened in the day (or interval) ending at t.
                if (days[i] > periods[p].From && days[i] <= periods[p].To)
                {
                    wanted += demand[i];
                    met += demand[i] * fill[i];
                }
            }

            shortfalls[p] = wanted > 0 ? Math.Clamp(1 - (met / wanted), 0, 1) : 0;
        }

        return shortfalls;
    }

    /// <summary>The CVaR at <paramref name="alpha"/> over every (replication, period) shortfall, with its jackknife CI.</summary>
    public static Summary Cvar(IReadOnlyList<double[]> shortfalls, double alpha)
    {
        ArgumentNullException.ThrowIfNull(shortfalls);
        return Jackknife(shortfalls.Count, skip => CvarOf(shortfalls, alpha, skip));
    }

    /// <summary>The paired difference <paramref name="mix"/> - <paramref name="baseline"/> of a KPI, mean and 95% CI, on common random numbers.</summary>
    public static Summary PairedDifference(SimulatedMix mix, SimulatedMix baseline, SourcingKpi kpi, double alpha)
    {
        ArgumentNullException.ThrowIfNull(mix);
        ArgumentNullException.ThrowIfNull(baseline);
        if (kpi == SourcingKpi.Cvar)
        {
            int n = Math.Min(mix.PeriodShortfalls.Count, baseline.PeriodShortfalls.Count);
            return Jackknife(n, skip => CvarOf(mix.PeriodShortfalls, alpha, skip) - CvarOf(baseline.PeriodShortfalls, alpha, skip));
        }

        var a = mix.PerReplication[kpi];
        var b = baseline.PerReplication[kpi];
        return Summary.Of([.. a.Zip(b, (x, y) => x - y)]);
    }

    /// <summary>How many (replication, period) outcomes lie in the CVaR's tail: (1 - alpha) R P.</summary>
    public static double TailOutcomes(SimulatedMix mix, double alpha)
    {
        ArgumentNullException.ThrowIfNull(mix);
        return (1 - alpha) * mix.PeriodShortfalls.Sum(p => p.Length);
    }

    private static double CvarOf(IReadOnlyList<double[]> shortfalls, double alpha, int skip)
    {
        var losses = new List<double>();
        for (int r = 0; r < shortfalls.Count; r++)
        {
            if (r != skip)
            {
                losses.AddRange(shortfalls[r]);
            }
        }

        return losses.Count == 0 ? double.NaN : SourcingEvaluation.ConditionalValueAtRisk(losses, alpha);
    }

    /// <summary>The statistic on every replication, with the jackknife's 95% CI (NaN bounds with fewer than 2 replications).</summary>
    private static Summary Jackknife(int replications, Func<int, double> statisticWithout)
    {
        double full = statisticWithout(-1);
        if (replications < 2)
        {
            return new Summary(replications, full, double.NaN, double.NaN, double.NaN, full, full, full);
        }

        var leaveOut = Enumerable.Range(0, replications).Select(statisticWithout).ToArray();
        double mean = leaveOut.Average();
        double se = Math.Sqrt((replications - 1.0) / replications * leaveOut.Sum(v => (v - mean) * (v - mean)));

        // ConfidenceInterval takes a standard deviation of n values: se x sqrt(n) gives back se.
        var (low, high) = Summary.ConfidenceInterval(full, se * Math.Sqrt(replications), replications, 0.95);
        return new Summary(replications, full, se * Math.Sqrt(replications), low, high, leaveOut.Min(), full, leaveOut.Max());
    }
}
