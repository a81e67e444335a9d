using System.Runtime.CompilerServices;

namespace Simulation.Core.Network;

/// <summary>
/// Arrays that a part of one replication leaves to the same part of a later replication: the arrival
/// calendar's buckets and the payment book's days. Each part has hundreds of them in flight at once, far
/// more than the shared array pool keeps per size. So renting from that pool allocated most of them again
/// in every replication: 9 MB of apparel's 10 MB, memory that the collector zeroed, promoted and collected
/// while two replications at once waited on it (benchmarks/README.md, "The whole command", eleventh look).
/// </summary>
/// <remarks>
/// A replication's part takes one whole set (the arrays one earlier part left) and leaves its own set
/// whole, on whichever thread it ends: replications run in steps move between threads
/// (<see cref="Replications.ISteppedReplication{TResult}"/>), so sets kept per thread would pile up on the
/// threads where replications end while those where they start allocated anew. Sets kept are as many as
/// replications ran at once, bounded; a lock guards them, taken twice per part and replication.
/// </remarks>
/// <typeparam name="T">
/// A reference-free element. An array's old contents are never read: a part reads an array only below the
/// count it has written since it took the array. And they hold nothing alive.
/// </typeparam>
internal static class SpareArrays<T>
    where T : unmanaged
{
    /// <summary>Most bytes kept per set: enough for the shipped scenarios, bounded for a very large network.</summary>
    private const long MaxBytes = 48L << 20;

    /// <summary>Most sets kept: as many as replications in flight at once (up to 2 d - 1 for d workers).</summary>
    private static readonly int MaxSets = 2 * Environment.ProcessorCount;

    private static readonly Lock Gate = new();
    private static readonly Stack<Stack<T[]>> Sets = new();

    /// <summary>A set an earlier part left (then no longer kept here), or an empty stack.</summary>
    public static Stack<T[]> Take()
    {
        lock (Gate)
        {
            return Sets.TryPop(out var set) ? set : new Stack<T[]>();
        }
    }

    /// <summary>Leaves <paramref name="arrays"/> to a later <see cref="Take"/>, dropping arrays beyond the bound, or all of them when enough sets are kept.</summary>
    public static void Keep(Stack<T[]> arrays)
    {
        long bytes = 0;
        foreach (var array in arrays)
        {
            bytes += (long)array.Length * Unsafe.SizeOf<T>();
        }

        while (bytes > MaxBytes)
        {
            bytes -= (long)arrays.Pop().Length * Unsafe.SizeOf<T>();
        }

        lock (Gate)
        {
            if (Sets.Count < MaxSets)
            {
                Sets.Push(arrays);
            }
        }
    }
}
