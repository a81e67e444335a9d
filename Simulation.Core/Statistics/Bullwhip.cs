namespace Simulation.Core.Statistics;

/// <summary>
/// The bullwhip ratio (Lee, Padmanabhan and Whang 1997; Chen, Drezner, Ryan and Simchi-Levi 2000): the
/// variance of the orders a stage places over the variance of the demand it faces, both as totals per
/// period of <see cref="PeriodDays"/> days. Above 1, the stage amplifies demand variability upstream.
/// </summary>
public static class Bullwhip
{
    /// <summary>The period the ratio is measured over: a week, as practitioners report it.</summary>
    public const int PeriodDays = 7;

    /// <summary>Sums a daily series into consecutive periods of <paramref name="days"/> (a trailing partial period is left out).</summary>
    /// <param name="daily">Flows per day, in time order.</param>
    /// <param name="days">Days per period.</param>
    /// <returns>The period totals.</returns>
    public static double[] Periods(ReadOnlySpan<double> daily, int days = PeriodDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var totals = new double[daily.Length / days];
        for (int p = 0; p < totals.Length; p++)
        {
            double sum = 0;
            for (int d = 0; d < days; d++)
            {
                sum += daily[(p * days) + d];
            }

            totals[p] = sum;
        }

        return totals;
    }

    /// <summary>
    /// Var(orders) / Var(demand), sample variances of two series of period totals over the same periods;
    /// 0 when either has fewer than two periods, and 0 when demand has no variance (the ratio is undefined:
    /// a KPI must be finite).
    /// </summary>
    /// <param name="orders">Units ordered per period by the stage.</param>
    /// <param name="demand">Units demanded per period of it (end-customer demand for the ratio of a tier).</param>
    /// <returns>The ratio.</returns>
    public static double Ratio(ReadOnlySpan<double> orders, ReadOnlySpan<double> demand)
    {
        double demandVariance = Variance(demand);
        return orders.Length < 2 || !(demandVariance > 0) ? 0 : Variance(orders) / demandVariance;
    }

    private static double Variance(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var statistics = new RunningStatistics();
        foreach (double value in values)
        {
            statistics.Add(value);
        }

        return statistics.Variance;
    }
}
