using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Simulation.Benchmarks.VersusSimSharp;

/// <summary>
/// The ratio ours / Sim# of each measured round (the two runs of a round are adjacent in time, so they
/// share the machine's slow and fast spells), their median and a distribution-free interval for it.
/// </summary>
/// <remarks>
/// The interval is the pair of order statistics (k, n + 1 - k) with the largest k whose coverage,
/// 1 - 2 P(Binomial(n, 1/2) &lt; k), is still at least <see cref="Confidence"/>: it holds whatever the
/// rounds' distribution, as long as they are independent. With 7 rounds it is the smallest and largest
/// ratio (98 %); with 15, the 4th and 12th (96 %).
/// </remarks>
internal readonly record struct PairedRatio(double Median, double Low, double High)
{
    /// <summary>The least coverage of the interval.</summary>
    public const double Confidence = 0.95;

    /// <summary>The fewest rounds whose widest interval, the smallest and largest ratio, covers
    /// <see cref="Confidence"/>: 1 - 2^(1-n) is 0.969 at 6 rounds and 0.9375 at 5.</summary>
    public const int MinimumRounds = 6;

    /// <summary>The paired ratios of rounds <c>i</c> of <paramref name="ours"/> and <paramref name="theirs"/>.</summary>
    public static PairedRatio Of(IReadOnlyList<double> ours, IReadOnlyList<double> theirs)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(ours.Count, theirs.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(ours.Count, MinimumRounds);
        var ratios = ours.Zip(theirs, (o, t) => o / t).Order().ToArray();
        int k = LowerOrderStatistic(ratios.Length);
        return new PairedRatio(SortedArrayStatistics.Median(ratios), ratios[k - 1], ratios[ratios.Length - k]);
    }

    /// <summary>"yes" when the whole interval is within <paramref name="target"/>, "**no**" when none of
    /// it is, and "at the line" when the target falls inside it: then more rounds, or a quieter machine,
    /// are needed to tell.</summary>
    public string Verdict(double target) =>
        High <= target ? "yes" : Low > target ? "**no**" : "at the line";

    /// <summary>The largest k (at least 1) with 1 - 2 P(X &lt; k) &gt;= <see cref="Confidence"/>, X ~ Binomial(n, 1/2).</summary>
    private static int LowerOrderStatistic(int n)
    {
        int k = 1;
        while (k < (n + 1) / 2 && 1 - (2 * Binomial.CDF(0.5, n, k)) >= Confidence)
        {
            k++;
        }

        return k;
    }
}
