using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Simulation.Core.Randomness;

/// <summary>
/// A seeded pseudo-random stream: xoshiro256** (Blackman and Vigna, 2018) behind the
/// <see cref="Random"/> API, so that MathNet.Numerics samplers, which take a <see cref="Random"/>,
/// draw every number from it.
/// </summary>
/// <remarks>
/// <para>
/// Every virtual member of <see cref="Random"/> is overridden, so nothing falls back to the
/// framework's own generator, whose algorithm for derived types may change between .NET versions.
/// Outputs depend only on <see cref="Seed"/>, which keeps replications reproducible across
/// processes, machines and thread counts.
/// </para>
/// <para>
/// Not thread-safe, by design: each entity and purpose of a replication owns its stream (see
/// <see cref="StreamFactory"/>), so a stream never crosses threads and needs no locking.
/// </para>
/// </remarks>
[SuppressMessage(
    "Naming",
    "CA1711:Identifiers should not have incorrect suffix",
    Justification = "\"Random stream\" is the simulation term (one stream per entity and purpose); it is not a System.IO.Stream.")]
public sealed class RandomStream : Random
{
    private const double DoubleUnit = 1.0 / (1UL << 53);
    private const double OpenUnit = 1.0 / (1UL << 52);
    private const float SingleUnit = 1.0f / (1 << 24);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>
    /// Creates a stream whose xoshiro256** state is the first four outputs of SplitMix64 started at
    /// <paramref name="seed"/>, the seeding recommended by the generator's authors. It can never
    /// produce the forbidden all-zero state.
    /// </summary>
    /// <param name="seed">Any 64-bit value; usually from <see cref="SeedSequence"/>.</param>
    public RandomStream(ulong seed)
    {
        Seed = seed;
        ulong state = seed;
        _s0 = SplitMix64.Next(ref state);
        _s1 = SplitMix64.Next(ref state);
        _s2 = SplitMix64.Next(ref state);
        _s3 = SplitMix64.Next(ref state);
    }

    /// <summary>
    /// Creates a stream from raw xoshiro256** state, to check the core against the published
    /// reference outputs. <see cref="Seed"/> is 0 for such a stream.
    /// </summary>
    internal RandomStream(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("xoshiro256** state must not be all zero.");
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>The seed this stream was created from, to reproduce it.</summary>
    public ulong Seed { get; }

    /// <summary>Returns a uniform double in [0, 1) with 53 bits of resolution.</summary>
    /// <returns>A multiple of 2^-53 in [0, 1).</returns>
    public override double NextDouble() => (NextUInt64() >> 11) * DoubleUnit;

    /// <summary>
    /// Returns a uniform double in the open interval (0, 1), never 0 or 1, for inverse-transform
    /// sampling where a logarithm of the draw (or of one minus it) must stay finite.
    /// </summary>
    /// <remarks>The midpoints of 2^52 equal cells: (k + 0.5) / 2^52, symmetric around 0.5.</remarks>
    /// <returns>A value in (0, 1) with 52 bits of resolution.</returns>
    public double NextUnitOpen() => ((NextUInt64() >> 12) + 0.5) * OpenUnit;

    /// <summary>
    /// Draws from the exponential distribution with the given mean by inversion,
    /// -mean * ln(U) with U uniform in (0, 1). Faster than a general sampler on hot paths such as
    /// inter-arrival times.
    /// </summary>
    /// <param name="mean">The mean (the reciprocal of the rate); must be positive and finite.</param>
    /// <returns>A positive finite draw.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is not positive and finite.</exception>
    public double NextExponential(double mean)
    {
        if (!(mean > 0) || double.IsPositiveInfinity(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean of an exponential draw must be positive and finite.");
        }

        return -mean * Math.Log(NextUnitOpen());
    }

    /// <summary>Returns a uniform float in [0, 1) with 24 bits of resolution.</summary>
    /// <returns>A multiple of 2^-24 in [0, 1).</returns>
    public override float NextSingle() => (NextUInt64() >> 40) * SingleUnit;

    /// <summary>Returns a uniform integer in [0, <see cref="int.MaxValue"/>).</summary>
    /// <returns>A non-negative integer less than <see cref="int.MaxValue"/>.</returns>
    public override int Next() => (int)NextBounded((uint)int.MaxValue);

    /// <summary>Returns an unbiased uniform integer in [0, <paramref name="maxValue"/>).</summary>
    /// <remarks>Returns 0 without consuming a draw when <paramref name="maxValue"/> is 0 or 1.</remarks>
    /// <param name="maxValue">The exclusive upper bound; must be non-negative.</param>
    /// <returns>An integer in [0, maxValue), or 0 if maxValue is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is negative.</exception>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue <= 1 ? 0 : (int)NextBounded((uint)maxValue);
    }

    /// <summary>Returns an unbiased uniform integer in [<paramref name="minValue"/>, <paramref name="maxValue"/>).</summary>
    /// <remarks>Returns <paramref name="minValue"/> without consuming a draw when the range holds one value or none.</remarks>
    /// <param name="minValue">The inclusive lower bound.</param>
    /// <param name="maxValue">The exclusive upper bound; must not be less than <paramref name="minValue"/>.</param>
    /// <returns>An integer in [minValue, maxValue), or minValue if they are equal.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minValue"/> exceeds <paramref name="maxValue"/>.</exception>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        ulong range = (ulong)((long)maxValue - minValue);
        return range <= 1 ? minValue : (int)(minValue + (long)NextBounded((uint)range));
    }

    /// <summary>Returns a uniform integer in [0, <see cref="long.MaxValue"/>).</summary>
    /// <returns>A non-negative integer less than <see cref="long.MaxValue"/>.</returns>
    public override long NextInt64()
    {
        while (true)
        {
            // The top 63 bits are uniform on [0, 2^63); rejecting the single value long.MaxValue
            // keeps the result uniform on [0, long.MaxValue).
            ulong candidate = NextUInt64() >> 1;
            if (candidate != long.MaxValue)
            {
                return (long)candidate;
            }
        }
    }

    /// <summary>Returns an unbiased uniform integer in [0, <paramref name="maxValue"/>).</summary>
    /// <remarks>Returns 0 without consuming a draw when <paramref name="maxValue"/> is 0 or 1.</remarks>
    /// <param name="maxValue">The exclusive upper bound; must be non-negative.</param>
    /// <returns>An integer in [0, maxValue), or 0 if maxValue is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxValue"/> is negative.</exception>
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue <= 1 ? 0 : (long)NextBounded((ulong)maxValue);
    }

    /// <summary>Returns an unbiased uniform integer in [<paramref name="minValue"/>, <paramref name="maxValue"/>).</summary>
    /// <remarks>Returns <paramref name="minValue"/> without consuming a draw when the range holds one value or none.</remarks>
    /// <param name="minValue">The inclusive lower bound.</param>
    /// <param name="maxValue">The exclusive upper bound; must not be less than <paramref name="minValue"/>.</param>
    /// <returns>An integer in [minValue, maxValue), or minValue if they are equal.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minValue"/> exceeds <paramref name="maxValue"/>.</exception>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);

        // The difference of two longs always fits in an unsigned 64-bit range; the sum wraps back
        // into [minValue, maxValue).
        ulong range = unchecked((ulong)(maxValue - minValue));
        return range <= 1 ? minValue : unchecked(minValue + (long)NextBounded(range));
    }

    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    /// <param name="buffer">The array to fill.</param>
    /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <summary>
    /// Fills <paramref name="buffer"/> with random bytes, eight per draw in little-endian order so
    /// the bytes are the same on every machine.
    /// </summary>
    /// <param name="buffer">The span to fill.</param>
    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, NextUInt64());
            buffer = buffer[sizeof(ulong)..];
        }

        if (!buffer.IsEmpty)
        {
            Span<byte> last = stackalloc byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64LittleEndian(last, NextUInt64());
            last[..buffer.Length].CopyTo(buffer);
        }
    }

    /// <summary>Returns <see cref="NextDouble"/>, so base-class code paths also use this generator.</summary>
    /// <returns>A uniform double in [0, 1).</returns>
    protected override double Sample() => NextDouble();

    /// <summary>Advances xoshiro256** and returns its next 64-bit output.</summary>
    internal ulong NextUInt64()
    {
        unchecked
        {
            ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = BitOperations.RotateLeft(_s3, 45);
            return result;
        }
    }

    // Lemire, "Fast random integer generation in an interval" (ACM TOMACS, 2019): multiply a
    // 32-bit draw by the range and keep the high word; reject the few low words that would bias it.
    private uint NextBounded(uint range)
    {
        ulong product = (ulong)(uint)(NextUInt64() >> 32) * range;
        uint low = (uint)product;
        if (low < range)
        {
            uint threshold = unchecked(0u - range) % range;
            while (low < threshold)
            {
                product = (ulong)(uint)(NextUInt64() >> 32) * range;
                low = (uint)product;
            }
        }

        return (uint)(product >> 32);
    }

    // The same method with a 64-bit draw and a 128-bit product.
    private ulong NextBounded(ulong range)
    {
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = unchecked(0UL - range) % range;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return high;
    }
}
