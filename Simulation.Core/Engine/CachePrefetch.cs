using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Simulation.Core.Engine;

/// <summary>
/// Asks the processor to start loading an object into cache before the kernel needs it. With 100,000
/// waiting processes, each fired process is a cache miss; knowing the next one or two entries ahead of
/// time lets that miss overlap the current event's work instead of stalling the next one.
/// </summary>
/// <remarks>
/// A prefetch is only a hint: it never faults and changes no state, so a stale address (the garbage
/// collector moved the object since its address was read) or a wrong guess costs nothing but the
/// hint. Where the instruction is missing (not x86) this does nothing.
/// </remarks>
internal static class CachePrefetch
{
    /// <summary>Prefetches the first two cache lines of <paramref name="target"/> (header and fields).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Object(object? target)
    {
        if (Sse.IsSupported)
        {
            byte* address = (byte*)Unsafe.As<object?, nint>(ref target);
            Sse.Prefetch0(address);
            Sse.Prefetch0(address + 64);
        }
    }

    /// <summary>The size of a <see cref="Engine.Process"/> with its 8-byte header (which lies before the
    /// address a reference holds), so its last byte is <c>ProcessBytes - 9</c> bytes after that address.</summary>
    internal const int ProcessBytes = 112;

    /// <summary>Prefetches the cache lines of a process (<paramref name="target"/>, when it is one): the
    /// first two, and the line of its last field. A process is more than two lines long, and placed
    /// anywhere in its first line (objects are 8-byte aligned) its last fields (the id and the wake
    /// sequence, which every resumption reads) fall in a third line about half the time, which at
    /// 100,000 processes was a cache miss per event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void ProcessObject(object? target)
    {
        Object(target);
        if (Sse.IsSupported)
        {
            Sse.Prefetch0((byte*)Unsafe.As<object?, nint>(ref target) + ProcessBytes - 9);
        }
    }

    /// <summary>Prefetches the two cache lines just before <paramref name="target"/>: the objects it was
    /// made from, when they were allocated just before it (a process body's state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Preceding(object? target)
    {
        if (Sse.IsSupported)
        {
            byte* address = (byte*)Unsafe.As<object?, nint>(ref target);
            Sse.Prefetch0(address - 64);
            Sse.Prefetch0(address - 128);
        }
    }
}
