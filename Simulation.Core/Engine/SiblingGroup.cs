using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Simulation.Core.Engine;

/// <summary>
/// The eight children of one heap node: which comes first in (time, priority, sequence) order. Their
/// times fill one 64-byte line, and the rest of each key is consulted only when times tie.
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

    /// <summary>The offset (0..7) of the least of the eight entries at <paramref name="times"/> and
    /// <paramref name="payloads"/>; on equal keys the lower offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Least(ref double times, ref HeapPayload payloads)
    {
        uint withLeastTime = Avx.IsSupported ? LeastTimeMaskAvx(ref times) : LeastTimeMaskScalar(ref times);
        return (withLeastTime & (withLeastTime - 1)) == 0
            ? BitOperations.TrailingZeroCount(withLeastTime)
            : LeastOrderAmong(withLeastTime, ref payloads);
    }

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

    /// <summary>Among the children in <paramref name="tied"/> (equal times), the one of least order.</summary>
    private static int LeastOrderAmong(uint tied, ref HeapPayload payloads)
    {
        int least = BitOperations.TrailingZeroCount(tied);
        long leastOrder = Unsafe.Add(ref payloads, least).Order;
        for (tied &= tied - 1; tied != 0; tied &= tied - 1)
        {
            int child = BitOperations.TrailingZeroCount(tied);
            long order = Unsafe.Add(ref payloads, child).Order;
            if (order < leastOrder)
            {
                least = child;
                leastOrder = order;
            }
        }

        return least;
    }
}
