namespace Simulation.Core.Statistics.Sensitivity;

/// <summary>
/// The Sobol low-discrepancy sequence in up to <see cref="MaxDimensions"/> dimensions, with the direction
/// numbers of Joe and Kuo (2008), "Constructing Sobol sequences with better two-dimensional projections",
/// SIAM J. Sci. Comput. 30, 2635-2654 (file new-joe-kuo-6.21201), generated in Gray-code order.
/// </summary>
/// <remarks>
/// <para>
/// Unscrambled and deterministic: point i is the same on every machine. Points 0 .. 2^m - 1 form a
/// (t, m, s)-net, so each coordinate puts exactly one point in every interval [j / 2^m, (j + 1) / 2^m).
/// Point 0 is the origin; <see cref="Points"/> can skip it because a sample at every parameter's minimum
/// adds nothing to the balance of the others.
/// </para>
/// <para>
/// Dimension 1 is the van der Corput sequence in base 2; dimension d &gt;= 2 uses the primitive polynomial
/// of degree s with inner coefficients a and initial direction integers m from the table below.
/// 32 bits of resolution allow up to 2^32 - 1 points.
/// </para>
/// </remarks>
public sealed class SobolSequence
{
    /// <summary>The most dimensions the built-in direction numbers cover.</summary>
    public const int MaxDimensions = 32;

    private const int Bits = 32;

    // (s, a, m_1..m_s) for dimensions 2..32, as published by Joe and Kuo.
    private static readonly (int S, int A, int[] M)[] Directions =
    [
        (1, 0, [1]),
        (2, 1, [1, 3]),
        (3, 1, [1, 3, 1]),
        (3, 2, [1, 1, 1]),
        (4, 1, [1, 1, 3, 3]),
        (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]),
        (5, 4, [1, 1, 5, 5, 5]),
        (5, 7, [1, 1, 7, 11, 19]),
        (5, 11, [1, 1, 5, 1, 1]),
        (5, 13, [1, 1, 1, 3, 11]),
        (5, 14, [1, 3, 5, 5, 31]),
        (6, 1, [1, 3, 3, 9, 7, 49]),
        (6, 13, [1, 1, 1, 15, 21, 21]),
        (6, 16, [1, 3, 1, 13, 27, 49]),
        (6, 19, [1, 1, 1, 15, 7, 5]),
        (6, 22, [1, 3, 1, 15, 13, 25]),
        (6, 25, [1, 1, 5, 5, 19, 61]),
        (7, 1, [1, 3, 7, 11, 23, 15, 103]),
        (7, 4, [1, 3, 7, 13, 13, 15, 69]),
        (7, 7, [1, 1, 3, 13, 7, 35, 63]),
        (7, 8, [1, 3, 5, 9, 1, 25, 53]),
        (7, 14, [1, 3, 1, 13, 9, 35, 107]),
        (7, 19, [1, 3, 1, 5, 27, 61, 31]),
        (7, 21, [1, 1, 5, 11, 19, 41, 61]),
        (7, 28, [1, 3, 5, 3, 3, 13, 69]),
        (7, 31, [1, 1, 7, 13, 1, 19, 1]),
        (7, 32, [1, 3, 7, 5, 13, 19, 59]),
        (7, 37, [1, 1, 3, 9, 25, 29, 41]),
        (7, 41, [1, 3, 5, 13, 23, 1, 55]),
        (7, 42, [1, 3, 7, 3, 13, 59, 17]),
    ];

    private readonly uint[][] _direction;

    /// <summary>Creates the sequence in <paramref name="dimensions"/> dimensions.</summary>
    /// <param name="dimensions">1 to <see cref="MaxDimensions"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is out of range.</exception>
    public SobolSequence(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        Dimensions = dimensions;
        _direction = new uint[dimensions][];
        for (int d = 0; d < dimensions; d++)
        {
            _direction[d] = DirectionIntegers(d);
        }
    }

    /// <summary>The number of coordinates of each point.</summary>
    public int Dimensions { get; }

    /// <summary>
    /// Points <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1 of the
    /// sequence, each coordinate in [0, 1).
    /// </summary>
    /// <param name="count">How many points; &gt;= 0.</param>
    /// <param name="start">The index of the first point (1 skips the origin); &gt;= 0.</param>
    /// <returns>One array of <see cref="Dimensions"/> coordinates per point.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is negative or beyond 2^32 - 1 points.</exception>
    public double[][] Points(int count, int start = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        var state = new uint[Dimensions];
        // Gray-code order: point i is the XOR of the direction integers of the bits set in i ^ (i >> 1).
        uint gray = (uint)start ^ ((uint)start >> 1);
        for (int bit = 0; bit < Bits; bit++)
        {
            if ((gray & (1u << bit)) != 0)
            {
                for (int d = 0; d < Dimensions; d++)
                {
                    state[d] ^= _direction[d][bit];
                }
            }
        }

        var points = new double[count][];
        for (int i = 0; i < count; i++)
        {
            var point = new double[Dimensions];
            for (int d = 0; d < Dimensions; d++)
            {
                point[d] = state[d] / 4294967296.0;
            }

            points[i] = point;
            // The next point flips the direction integer of the lowest zero bit of the current index.
            uint index = (uint)(start + i);
            int flip = System.Numerics.BitOperations.TrailingZeroCount(~index);
            for (int d = 0; d < Dimensions; d++)
            {
                state[d] ^= _direction[d][flip];
            }
        }

        return points;
    }

    /// <summary>The 32 direction integers V_1..V_32 (as v_k * 2^32) of dimension <paramref name="dimension"/> (0-based).</summary>
    private static uint[] DirectionIntegers(int dimension)
    {
        var v = new uint[Bits];
        if (dimension == 0)
        {
            for (int k = 0; k < Bits; k++)
            {
                v[k] = 1u << (Bits - 1 - k);
            }

            return v;
        }

        var (s, a, m) = Directions[dimension - 1];
        for (int k = 0; k < Math.Min(s, Bits); k++)
        {
            v[k] = (uint)m[k] << (Bits - 1 - k);
        }

        // The recurrence of the primitive polynomial x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1.
        for (int k = s; k < Bits; k++)
        {
            uint next = v[k - s] ^ (v[k - s] >> s);
            for (int j = 1; j < s; j++)
            {
                if (((a >> (s - 1 - j)) & 1) != 0)
                {
                    next ^= v[k - j];
                }
            }

            v[k] = next;
        }

        return v;
    }
}
