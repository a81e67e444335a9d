using System.Runtime.CompilerServices;

namespace Simulation.Core.Network;

/// <summary>
/// Arrays that a part of one replication leaves to the same part of the next replication on the same
/// thread: the arrival calendar's buckets and the payment book's days. Each part has hundreds of them in
/// flight at once, far more than the shared array pool keeps per size. So renting from that pool
/// allocated most of them again in every replication: 9 MB of apparel's 10 MB, memory that the collector
/// zeroed, promoted and collected while two replications at once waited on it (benchmarks/README.md, "The
/// whole command", eleventh look).
/// </summary>
/// <typeparam name="T">
/// A reference-free element. An array's old contents are never read: a part reads an array only below the
/// count it has written since it took the array. And they hold nothing alive.
/// </typeparam>
internal static class SpareArrays<T>
    where T : unmanaged
{
    /// <summary>Most bytes kept per thread and element type: enough for the shipped scenarios, bounded for a
    /// thread that once ran a very large network.</summary>
    private const long MaxBytes = 48L << 20;

    [ThreadStatic]
    private static Stack<T[]>? t_spare;

    /// <summary>The arrays the thread's last <see cref="Keep"/> left (then no longer the thread's), or an empty stack.</summary>
    public static Stack<T[]> Take()
    {
        var spare = t_spare ?? new Stack<T[]>();
        t_spare = null;
        return spare;
    }

    /// <summary>
    /// Leaves <paramref name="arrays"/> to the thread's next <see cref="Take"/>, with those it keeps already
    /// (a thread that takes turns at replications may end two before it starts the next), dropping arrays
    /// beyond the bound.
    /// </summary>
    public static void Keep(Stack<T[]> arrays)
    {
        if (t_spare is { } kept && !ReferenceEquals(kept, arrays))
        {
            foreach (var array in kept)
            {
                arrays.Push(array);
            }
        }

        long bytes = 0;
        foreach (var array in arrays)
        {
            bytes += (long)array.Length * Unsafe.SizeOf<T>();
        }

        while (bytes > MaxBytes)
        {
            bytes -= (long)arrays.Pop().Length * Unsafe.SizeOf<T>();
        }

        t_spare = arrays;
    }
}
