namespace Simulation.Core.Statistics.Sensitivity;

/// <summary>
/// The sampling plan for first-order and total Sobol indices (Saltelli et al. 2010, "Variance based
/// sensitivity analysis of model output", Comput. Phys. Commun. 181, 259-270): two base matrices A and B
/// of N rows from a 2d-dimensional Sobol sequence, and for every parameter i the matrix AB_i, which is A
/// with column i taken from B. N (d + 2) model runs in all.
/// </summary>
/// <remarks>
/// Rows are laid out block by block: block j (j = 0 .. N - 1) holds A_j, AB_j^1 .. AB_j^d, B_j, so a
/// design can be cut anywhere and every finished block is a complete unit for the estimators (the
/// order SALib uses without second-order terms). Coordinates are in the unit cube; callers scale them
/// to each parameter's range.
/// </remarks>
public static class SaltelliDesign
{
    /// <summary>Rows per base sample: A, one AB_i per parameter, B.</summary>
    /// <param name="parameters">The number of parameters d.</param>
    /// <returns>d + 2.</returns>
    public static int RowsPerSample(int parameters) => parameters + 2;

    /// <summary>The design's points in the unit cube, N (d + 2) of them in block order.</summary>
    /// <param name="parameters">The number of parameters d, 1 to <see cref="SobolSequence.MaxDimensions"/> / 2.</param>
    /// <param name="baseSamples">N, the rows of A and B; a power of two keeps the Sobol points balanced.</param>
    /// <returns>One array of d coordinates per model run.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static double[][] Points(int parameters, int baseSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parameters, SobolSequence.MaxDimensions / 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseSamples, 2);
        // Point 0 (the origin) is skipped: it would put A and B at every parameter's minimum at once.
        var sobol = new SobolSequence(2 * parameters).Points(baseSamples, start: 1);
        int rows = RowsPerSample(parameters);
        var points = new double[baseSamples * rows][];
        for (int j = 0; j < baseSamples; j++)
        {
            double[] a = sobol[j][..parameters];
            double[] b = sobol[j][parameters..];
            points[j * rows] = a;
            for (int i = 0; i < parameters; i++)
            {
                double[] ab = (double[])a.Clone();
                ab[i] = b[i];
                points[(j * rows) + 1 + i] = ab;
            }

            points[(j * rows) + rows - 1] = b;
        }

        return points;
    }
}
