using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Simulation.Core.Statistics;

/// <summary>
/// The difference between a variant and a base measured on common random numbers: replication r of
/// both ran on the same random streams, so the pairs (base[r], variant[r]) share their noise and the
/// paired differences d[r] = variant[r] - base[r] vary less than either series.
/// </summary>
/// <remarks>
/// <para>
/// The paired 95% interval is the Student t interval of the mean of d with n - 1 degrees of freedom.
/// The unpaired interval is what the same data would give if the runs had been independent: Welch's
/// interval, mean(variant) - mean(base) +- t(nu) * sqrt(s_b^2 / n + s_v^2 / n) with the
/// Welch-Satterthwaite degrees of freedom nu. Their widths' ratio shows what pairing bought.
/// </para>
/// <para>
/// The variance reduction is 1 - Var(d) / (Var(base) + Var(variant)): 0 for independent runs, close to
/// 1 when the variant moves every replication by about the same amount, negative if the runs were
/// anti-correlated. It is NaN when neither series varies.
/// </para>
/// </remarks>
/// <param name="N">The number of pairs.</param>
/// <param name="BaseMean">The mean of the base.</param>
/// <param name="VariantMean">The mean of the variant.</param>
/// <param name="Difference">Mean, spread, paired 95% CI and quantiles of the differences.</param>
/// <param name="UnpairedCi95Low">The lower bound of Welch's unpaired 95% interval (NaN for fewer than 2 pairs or no spread).</param>
/// <param name="UnpairedCi95High">The upper bound of Welch's unpaired 95% interval.</param>
/// <param name="VarianceReduction">1 - Var(d) / (Var(base) + Var(variant)).</param>
public sealed record PairedDifference(
    int N,
    double BaseMean,
    double VariantMean,
    Summary Difference,
    double UnpairedCi95Low,
    double UnpairedCi95High,
    double VarianceReduction)
{
    /// <summary>The width of the paired 95% interval.</summary>
    public double PairedCiWidth => Difference.Ci95High - Difference.Ci95Low;

    /// <summary>The width of the unpaired (Welch) 95% interval.</summary>
    public double UnpairedCiWidth => UnpairedCi95High - UnpairedCi95Low;

    /// <summary>Compares <paramref name="variant"/> with <paramref name="baseline"/>, pair by pair.</summary>
    /// <param name="baseline">The base's values, one per replication; finite.</param>
    /// <param name="variant">The variant's values for the same replications; finite, same length.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">The series are empty, differ in length or hold a non-finite value.</exception>
    public static PairedDifference Of(ReadOnlySpan<double> baseline, ReadOnlySpan<double> variant)
    {
        if (baseline.Length != variant.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Paired series must have the same length; got {baseline.Length} and {variant.Length}."),
                nameof(variant));
        }

        var differences = new double[baseline.Length];
        for (int r = 0; r < differences.Length; r++)
        {
            differences[r] = variant[r] - baseline[r];
        }

        var b = Summary.Of(baseline);
        var v = Summary.Of(variant);
        var d = Summary.Of(differences);
        int n = baseline.Length;
        double baseVariance = b.StandardDeviation * b.StandardDeviation;
        double variantVariance = v.StandardDeviation * v.StandardDeviation;
        (double low, double high) = WelchInterval(v.Mean - b.Mean, baseVariance, variantVariance, n);
        double spread = baseVariance + variantVariance;
        double reduction = spread > 0 ? 1 - (d.StandardDeviation * d.StandardDeviation / spread) : double.NaN;
        return new PairedDifference(n, b.Mean, v.Mean, d, low, high, reduction);
    }

    private static (double Low, double High) WelchInterval(double difference, double baseVariance, double variantVariance, int n)
    {
        double a = baseVariance / n;
        double c = variantVariance / n;
        if (n < 2 || a + c <= 0)
        {
            return n < 2 ? (double.NaN, double.NaN) : (difference, difference);
        }

        double degrees = (a + c) * (a + c) / (((a * a) + (c * c)) / (n - 1));
        double halfWidth = StudentT.InvCDF(0, 1, degrees, 0.975) * Math.Sqrt(a + c);
        return (difference - halfWidth, difference + halfWidth);
    }
}
