using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Simulation.Core.Engine;

/// <summary>
/// The targets of the queue's heap and later entries (<see cref="LaterEntries"/>), by handle. <see cref="Add"/> takes a free handle (the one given
/// back last, so a new entry lands in a slot still in cache). A popped entry's handle is held, not
/// freed, while its target fires (<see cref="Hold"/>): a process that schedules its next delay then
/// gets the same handle back with its slot already naming it (<see cref="AddOrReuseHeld"/>), so the
/// commonest event of all, a process waking and sleeping again, writes no slot, takes no write
/// barrier and touches no free list. Any other held handle is freed after the firing
/// (<see cref="ReleaseHeld"/>), dropping the reference so the target can be collected.
/// </summary>
/// <remarks>Reuse is exact: a held handle is in no heap entry (its entry was just popped), and it is
/// reused only for the very target it names, so every entry still names its own target.</remarks>
internal sealed class TargetTable
{
    /// <summary>The handle of every heap slot past the last entry: no target, and an order after
    /// every entry's (no entry's order reaches <see cref="long.MaxValue"/> before 2^48 entries have
    /// been scheduled at priority <see cref="EventPriority.Max"/>; and on equal orders the lower
    /// slot, a real entry, is kept), so that with the time +infinity it comes after any entry,
    /// +infinity ones included.</summary>
    public const int Padding = 0;

    private const int None = -1;

    // Slots are structs: storing into an object?[] pays a covariance check per store.
    private Slot[] _targets;
    private IdPool _handles = new(reserved: Padding + 1);
    private int _held = None;

    public TargetTable(int capacity)
    {
        _targets = new Slot[capacity];
        _targets[Padding] = new Slot(null, null, long.MaxValue);
    }

    /// <summary>The priority and sequence of the entry holding <paramref name="handle"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long OrderOf(int handle) => _targets[handle].Order;

    /// <summary>Prefetches the target of <paramref name="handle"/> (as long as a process: most targets in a
    /// deep heap are) and, for a process, its iterator and
    /// the two lines before it (see <see cref="CachePrefetch"/>): what a body was made from (its random
    /// stream, its state) is usually allocated just before the iterator, and the collector keeps that
    /// order, so at 100,000 processes those lines were the firing process's last cold load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchTarget(int handle)
    {
        ref readonly var slot = ref _targets[handle];
        CachePrefetch.ProcessObject(slot.Target);
        CachePrefetch.Object(slot.Body);
        CachePrefetch.Preceding(slot.Body);
    }

    /// <summary>Starts loading the slot of <paramref name="handle"/> (see <see cref="CachePrefetch"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchSlot(int handle)
    {
        if (Sse.IsSupported && (uint)handle < (uint)_targets.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _targets[handle]));
        }
    }

    /// <summary>The handle for a new entry of <paramref name="target"/> with key order
    /// <paramref name="order"/>: the held one if it names that target (the firing target
    /// rescheduling itself), else a free one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddOrReuseHeld(object target, long order)
    {
        int held = _held;
        if (held != None)
        {
            ref var slot = ref _targets[held];
            if (ReferenceEquals(slot.Target, target))
            {
                _held = None;
                slot.Order = order; // a plain number: no write barrier
                return held;
            }
        }

        return Add(target, order);
    }

    private int Add(object target, long order)
    {
        int handle = _handles.Take(ref _targets);
        _targets[handle] = new Slot(target, (target as Process)?.Body, order);
        return handle;
    }

    /// <summary>The target of a popped entry; its handle stays taken until <see cref="ReleaseHeld"/>
    /// or until the target reschedules itself. A handle still held from a firing that did not
    /// finish (a body that runs the simulator itself) is released first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public object Hold(int handle, out long order)
    {
        ReleaseHeld();
        _held = handle;
        ref readonly var slot = ref _targets[handle];
        order = slot.Order;
        return slot.Target!;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ReleaseHeld()
    {
        int held = _held;
        if (held != None)
        {
            _held = None;
            _targets[held] = default;
            _handles.Give(held);
        }
    }

    /// <summary>A target and, for a process, its iterator: what firing it touches first, kept here
    /// so that both can be prefetched at once, without first loading the process to find the
    /// iterator; and the order of its entry, read with the target at a pop. The references are
    /// written only when a handle is taken, not when a process gets its own back.</summary>
    private struct Slot(object? target, object? body, long order)
    {
        public readonly object? Target = target;
        public readonly object? Body = body;
        public long Order = order;
    }
}
