namespace Simulation.Core.Statistics;

/// <summary>
/// The Wilson score interval for a binomial proportion (Wilson 1927): unlike the normal ("Wald")
/// interval it stays inside [0, 1] and does not collapse to a point when every or no replication
/// succeeded, which is common for alerts.
/// </summary>
public static class ProportionInterval
{
    /// <summary>The 97.5% point of the standard normal, for 95% intervals.</summary>
    private const double Z95 = 1.959963984540054;

    /// <summary>The 95% Wilson interval of <paramref name="successes"/> out of <paramref name="n"/>.</summary>
    /// <param name="successes">Count of successes, 0..n.</param>
    /// <param name="n">Trials; at least 1.</param>
    /// <returns>The bounds, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1 or successes outside 0..n.</exception>
    public static (double Low, double High) Wilson95(int successes, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        double p = (double)successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + (z2 / n);
        double centre = (p + (z2 / (2 * n))) / denominator;
        double half = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
