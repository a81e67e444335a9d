using Simulation.Core.Randomness;

namespace Simulation.Core.Statistics.Sensitivity;

/// <summary>One parameter's Sobol indices with bootstrap 95% confidence intervals.</summary>
/// <param name="FirstOrder">S_i: the share of output variance explained by parameter i alone.</param>
/// <param name="FirstOrderLow">The lower bound of S_i's 95% bootstrap interval.</param>
/// <param name="FirstOrderHigh">The upper bound of S_i's 95% bootstrap interval.</param>
/// <param name="Total">ST_i: the share of variance that involves parameter i, alone or in interactions.</param>
/// <param name="TotalLow">The lower bound of ST_i's 95% bootstrap interval.</param>
/// <param name="TotalHigh">The upper bound of ST_i's 95% bootstrap interval.</param>
public sealed record SobolIndex(double FirstOrder, double FirstOrderLow, double FirstOrderHigh, double Total, double TotalLow, double TotalHigh);

/// <summary>
/// First-order and total Sobol indices from model outputs on a <see cref="SaltelliDesign"/>, with
/// percentile bootstrap confidence intervals.
/// </summary>
/// <remarks>
/// <para>
/// With f_A, f_B and f_ABi the outputs of block j's rows and V the variance of all f_A and f_B values:
/// first order (Saltelli et al. 2010, their eq. (b) of table 2) S_i = mean_j(f_B (f_ABi - f_A)) / V;
/// total (Jansen 1999) ST_i = mean_j((f_A - f_ABi)^2) / (2 V).
/// </para>
/// <para>
/// The bootstrap resamples whole blocks (the N base samples) with replacement and recomputes both
/// indices, V included; the interval is the 2.5th to 97.5th percentile of the resampled values. Its
/// random stream is derived from the given seed, so intervals are reproducible.
/// </para>
/// </remarks>
public static class SobolIndices
{
    /// <summary>Estimates every parameter's indices.</summary>
    /// <param name="outputs">One model output per design row, in <see cref="SaltelliDesign"/> block order; finite.</param>
    /// <param name="parameters">The number of parameters d.</param>
    /// <param name="bootstrapResamples">Bootstrap resamples for the intervals, e.g. 1000; &gt;= 10.</param>
    /// <param name="seed">Seeds the bootstrap's resampling.</param>
    /// <returns>One entry per parameter, in design order.</returns>
    /// <exception cref="ArgumentException">The outputs do not fill whole blocks, or hold a non-finite value.</exception>
    public static IReadOnlyList<SobolIndex> Estimate(ReadOnlySpan<double> outputs, int parameters, int bootstrapResamples, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bootstrapResamples, 10);
        int rows = SaltelliDesign.RowsPerSample(parameters);
        if (outputs.Length < 2 * rows || outputs.Length % rows != 0)
        {
            throw new ArgumentException($"The outputs must fill at least two whole blocks of {rows} rows; got {outputs.Length} values.", nameof(outputs));
        }

        foreach (double y in outputs)
        {
            if (!double.IsFinite(y))
            {
                throw new ArgumentException("Sobol indices need finite outputs.", nameof(outputs));
            }
        }

        double[] values = outputs.ToArray();
        int samples = outputs.Length / rows;
        int[] identity = Enumerable.Range(0, samples).ToArray();
        var estimate = Indices(values, parameters, identity);

        var stream = new RandomStream(SeedSequence.StreamSeed(seed, "sobol-indices", "bootstrap"));
        var firstOrder = new double[parameters][];
        var total = new double[parameters][];
        for (int i = 0; i < parameters; i++)
        {
            firstOrder[i] = new double[bootstrapResamples];
            total[i] = new double[bootstrapResamples];
        }

        var resample = new int[samples];
        for (int b = 0; b < bootstrapResamples; b++)
        {
            for (int j = 0; j < samples; j++)
            {
                resample[j] = stream.Next(samples);
            }

            var (s, st) = Indices(values, parameters, resample);
            for (int i = 0; i < parameters; i++)
            {
                firstOrder[i][b] = s[i];
                total[i][b] = st[i];
            }
        }

        var result = new SobolIndex[parameters];
        for (int i = 0; i < parameters; i++)
        {
            Array.Sort(firstOrder[i]);
            Array.Sort(total[i]);
            result[i] = new SobolIndex(
                estimate.FirstOrder[i],
                Summary.Quantile(firstOrder[i], 0.025),
                Summary.Quantile(firstOrder[i], 0.975),
                estimate.Total[i],
                Summary.Quantile(total[i], 0.025),
                Summary.Quantile(total[i], 0.975));
        }

        return result;
    }

    /// <summary>Both estimators over the blocks listed in <paramref name="blocks"/> (repeats allowed).</summary>
    private static (double[] FirstOrder, double[] Total) Indices(double[] y, int parameters, int[] blocks)
    {
        int rows = SaltelliDesign.RowsPerSample(parameters);
        var variance = default(RunningStatistics);
        foreach (int j in blocks)
        {
            variance.Add(y[j * rows]);
            variance.Add(y[(j * rows) + rows - 1]);
        }

        double v = variance.Variance;
        var first = new double[parameters];
        var total = new double[parameters];
        for (int i = 0; i < parameters; i++)
        {
            double sumFirst = 0;
            double sumTotal = 0;
            foreach (int j in blocks)
            {
                double a = y[j * rows];
                double ab = y[(j * rows) + 1 + i];
                double b = y[(j * rows) + rows - 1];
                sumFirst += b * (ab - a);
                sumTotal += (a - ab) * (a - ab);
            }

            // A constant output has no variance to apportion: report 0 rather than 0 / 0.
            first[i] = v > 0 ? sumFirst / blocks.Length / v : 0;
            total[i] = v > 0 ? sumTotal / (2.0 * blocks.Length) / v : 0;
        }

        return (first, total);
    }
}
