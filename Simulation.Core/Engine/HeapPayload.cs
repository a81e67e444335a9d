using System.Runtime.InteropServices;

namespace Simulation.Core.Engine;

/// <summary>
/// What a heap slot holds beside its time: the rest of its key (priority in bits 48-62 above a 48-bit
/// sequence), read only when two times tie, and the handle of its target in the queue's table.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct HeapPayload(long order, int handle)
{
    /// <summary>The payload of every slot past the heap's last entry: with the time +infinity it comes
    /// after any entry, +infinity ones included (no entry's order reaches <see cref="long.MaxValue"/>
    /// before 2^48 entries have been scheduled at priority <see cref="EventPriority.Max"/>, and on a tie
    /// the lower slot, a real entry, is kept anyway).</summary>
    public static readonly HeapPayload Padding = new(long.MaxValue, -1);

    public readonly long Order = order;
    public readonly int Handle = handle;
}
