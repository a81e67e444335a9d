using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Simulation.Core.Engine;

/// <summary>
/// The eight children of one heap node: which of them have the least time. Their times fill one 64-byte
/// line; the queue consults the rest of the key only when more than one has it.
/// </summary>
/// <remarks>The times of a sift are close to random, so a comparison branch mispredicts about half the
/// time; the least time is found without branches instead: with AVX, two 4-wide minimums and two
/// shuffles spread it to every lane, and one compare and mask say which children have it. Without AVX
/// (another processor, or a native build without it) the same mask comes from scalar code. Times are
/// never NaN and never -0.0 (the queue stores 0.0), so the native minimum is exact.</remarks>
internal static class SiblingGroup
{
    /// <summary>Children per node.</summary>
    public const int Size = 8;

    /// <summary>The children whose time is the least of the eight at <paramref name="times"/>, as bits 0..7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint LeastTimeMask(ref double times) =>
        Avx.IsSupported ? LeastTimeMaskAvx(ref times) : LeastTimeMaskScalar(ref times);

    /// <summary>The children whose time is the least of the eight, as bits 0..7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint LeastTimeMaskAvx(ref double times)
    {
        var low = Vector256.LoadUnsafe(ref times);
        var high = Vector256.LoadUnsafe(ref times, 4);
        var least = Avx.Min(low, high);
        least = Avx.Min(least, Avx.Permute2x128(least, least, 0x01)); // the other half
        least = Avx.Min(least, Avx.Permute(least, 0b0101)); // the neighbour within each half
        return (uint)Avx.MoveMask(Avx.CompareEqual(low, least))
            | ((uint)Avx.MoveMask(Avx.CompareEqual(high, least)) << 4);
    }

    /// <inheritdoc cref="LeastTimeMaskAvx"/>
    internal static uint LeastTimeMaskScalar(ref double times)
    {
        double least = times;
        for (int i = 1; i < Size; i++)
        {
            double time = Unsafe.Add(ref times, i);
            least = time < least ? time : least;
        }

        uint mask = 0;
        for (int i = 0; i < Size; i++)
        {
            mask |= (Unsafe.Add(ref times, i) == least ? 1u : 0u) << i;
        }

        return mask;
    }
}
