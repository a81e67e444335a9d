using System.Collections.Concurrent;
using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Simulation.Core.Statistics;

/// <summary>
/// What the reports give for every KPI over replications (DESIGN.md section 4): the number of
/// replications, mean, sample standard deviation, 95% Student t confidence interval for the mean,
/// and the 5th, 50th and 95th percentiles.
/// </summary>
/// <remarks>
/// <para>
/// The confidence interval describes the uncertainty of the <em>mean</em> (it shrinks with more
/// replications); the percentiles describe the spread of single replications (they do not).
/// </para>
/// <para>
/// Percentiles use the R-7 definition, the default of R, NumPy and Excel's PERCENTILE.INC: with the
/// n values sorted as x[0..n-1], the p-quantile is x[j] + (h - j) * (x[j+1] - x[j]) where
/// h = (n - 1) * p and j = floor(h). For 1..10 this gives p5 = 1.45, p50 = 5.5, p95 = 9.55.
/// </para>
/// <para>
/// With a single replication the standard deviation is 0 (no spread observed) and the confidence
/// interval bounds are NaN: a t interval needs at least one degree of freedom, and a zero-width
/// interval would claim a certainty that one replication cannot give.
/// </para>
/// <para>
/// Values so far apart that their squared deviations overflow (beyond about 1e154) give an infinite
/// standard deviation and the interval (-infinity, +infinity), not an error.
/// </para>
/// </remarks>
/// <param name="N">The number of values (replications).</param>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="StandardDeviation">The sample standard deviation (divisor n - 1); 0 when <paramref name="N"/> is 1.</param>
/// <param name="Ci95Low">The lower bound of the 95% confidence interval for the mean; NaN when <paramref name="N"/> is 1.</param>
/// <param name="Ci95High">The upper bound of the 95% confidence interval for the mean; NaN when <paramref name="N"/> is 1.</param>
/// <param name="P5">The 5th percentile .</param>
/// <param name="P50">The median .</param>
/// <param name="P95">The 95th percentile .</param>
public sealed record Summary(
    int N,
    double Mean,
    double StandardDeviation,
    double Ci95Low,
    double Ci95High,
    double P5,
    double P50,
    double P95)
{
    /// <summary>Summarises <paramref name="values"/>, typically one KPI from each replication.</summary>
    /// <param name="values">The values, in any order; at least one, all finite. Not modified.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds a NaN or infinite value.</exception>
    public static Summary Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("A summary needs at least one value.", nameof(values));
        }

        var statistics = default(RunningStatistics);
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"A summary needs finite values, but value {i} is {values[i]}."),
                    nameof(values));
            }

            statistics.Add(values[i]);
        }

        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        double mean = statistics.Mean;
        double sd = statistics.StandardDeviation;

        // Finite values far apart (beyond about 1e154) overflow the sum of squares: the spread is
        // then infinite in double arithmetic, and so is the interval's width.
        (double low, double high) = double.IsPositiveInfinity(sd)
            ? (double.NegativeInfinity, double.PositiveInfinity)
            : ConfidenceInterval(mean, sd, values.Length, 0.95);
        return new Summary(
            values.Length,
            mean,
            sd,
            low,
            high,
            Quantile(sorted, 0.05),
            Quantile(sorted, 0.50),
            Quantile(sorted, 0.95));
    }

    // StudentT.InvCDF finds the quantile by root finding over the regularised beta function; a run's
    // report asks for the same few (its replication count, 95 %) for every day of every trajectory,
    // about 4 % of a whole apparel run's CPU (benchmarks/README.md, "The whole command", ninth look),
    // so each quantile is computed once per process. Keys are as many as the distinct sample sizes.
    private static readonly ConcurrentDictionary<(int DegreesOfFreedom, double Probability), double> TQuantiles = new();

    /// <summary>
    /// The two-sided Student t confidence interval for a mean:
    /// mean +- t(n - 1, (1 + level) / 2) * sd / sqrt(n).
    /// </summary>
    /// <param name="mean">The sample mean.</param>
    /// <param name="sd">The sample standard deviation; finite and &gt;= 0.</param>
    /// <param name="n">The sample size; at least 1.</param>
    /// <param name="level">The confidence level, strictly between 0 and 1, e.g. 0.95 or 0.99.</param>
    /// <returns>The bounds; both NaN when <paramref name="n"/> is 1, since there is no degree of freedom.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static (double Low, double High) ConfidenceInterval(double mean, double sd, int n, double level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (!(sd >= 0) || double.IsPositiveInfinity(sd))
        {
            throw new ArgumentOutOfRangeException(nameof(sd), sd, "The standard deviation must be finite and >= 0.");
        }

        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be strictly between 0 and 1.");
        }

        if (n == 1)
        {
            return (double.NaN, double.NaN);
        }

        double t = TQuantiles.GetOrAdd((n - 1, (1 + level) / 2), key => StudentT.InvCDF(0, 1, key.DegreesOfFreedom, key.Probability));
        double halfWidth = t * sd / Math.Sqrt(n);
        return (mean - halfWidth, mean + halfWidth);
    }

    /// <summary>The R-7 quantile of values already sorted in ascending order (see the type remarks).</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int j = (int)Math.Floor(h);
        return j + 1 < sorted.Length ? sorted[j] + ((h - j) * (sorted[j + 1] - sorted[j])) : sorted[j];
    }
}
