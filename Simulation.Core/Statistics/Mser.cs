namespace Simulation.Core.Statistics;

/// <summary>
/// The MSER truncation rule for a simulation's initial transient (White 1997; MSER-5: White, Cobb and
/// Spratt 2000, "A comparison of five steady-state truncation heuristics for simulation", WSC):
/// average the output series in batches of <c>b</c> (5 for MSER-5) consecutive observations,
/// Z_1 .. Z_m, and choose the number of leading batches d to delete that minimises
/// </summary>
/// <remarks>
/// <code>
///   MSER(d) = 1 / (m - d)^2 · Σ_{j = d+1..m} (Z_j - Zbar(d))^2,   Zbar(d) = mean of Z_{d+1} .. Z_m
/// </code>
/// <para>
/// (the squared standard error of the mean of what is kept, up to a constant: deleting a transient
/// removes bias faster than it loses data, until the kept part is stationary). The search runs over
/// d = 0 .. floor(m / 2): a minimum beyond half the run is not trusted (the run is too short to tell a
/// transient from the steady state), and <see cref="MserResult.AtSearchLimit"/> says when the best d
/// lies on that limit. Ties go to the smallest d. The truncation point is d · b observations; a
/// trailing partial batch is left out.
/// </para>
/// </remarks>
public static class Mser
{
    /// <summary>The batch size of MSER-5.</summary>
    public const int Mser5BatchSize = 5;

    /// <summary>Applies MSER with batches of <paramref name="batchSize"/> observations to <paramref name="series"/>.</summary>
    /// <param name="series">The output series in time order (e.g. a daily fill rate averaged over replications); all finite.</param>
    /// <param name="batchSize">Observations per batch; 5 for MSER-5.</param>
    /// <returns>The truncation point; 0 observations when the series has fewer than two batches.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public static MserResult Truncation(ReadOnlySpan<double> series, int batchSize = Mser5BatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        foreach (double value in series)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("MSER needs finite values.", nameof(series));
            }
        }

        int m = series.Length / batchSize;
        if (m < 2)
        {
            return new MserResult(0, 0, m, 0, AtSearchLimit: false);
        }

        var batches = new double[m];
        for (int j = 0; j < m; j++)
        {
            double sum = 0;
            for (int k = 0; k < batchSize; k++)
            {
                sum += series[(j * batchSize) + k];
            }

            batches[j] = sum / batchSize;
        }

        // Suffix sums from the end give every Zbar(d) and its sum of squares in one backward pass;
        // the sums of squares are taken about a shift (the last batch) to keep the subtraction exact
        // enough for long, nearly constant series.
        double shift = batches[m - 1];
        int limit = m / 2;
        var mser = new double[limit + 1];
        double s1 = 0;
        double s2 = 0;
        for (int d = m - 1; d >= 0; d--)
        {
            double z = batches[d] - shift;
            s1 += z;
            s2 += z * z;
            if (d <= limit)
            {
                int n = m - d;
                double squares = Math.Max(0, s2 - (s1 * s1 / n));
                mser[d] = squares / ((double)n * n);
            }
        }

        int best = 0;
        for (int d = 1; d <= limit; d++)
        {
            if (mser[d] < mser[best])
            {
                best = d;
            }
        }

        return new MserResult(best * batchSize, best, m, mser[best], AtSearchLimit: best == limit);
    }
}

/// <summary>Where MSER truncates a series.</summary>
/// <param name="TruncationObservations">Observations to delete from the start (batches deleted x batch size).</param>
/// <param name="BatchesDeleted">d*, the batches deleted.</param>
/// <param name="Batches">m, the whole batches of the series.</param>
/// <param name="Statistic">MSER(d*).</param>
/// <param name="AtSearchLimit">Whether d* is floor(m / 2), the last allowed: the run may be too short to reach its steady state.</param>
public sealed record MserResult(int TruncationObservations, int BatchesDeleted, int Batches, double Statistic, bool AtSearchLimit);
