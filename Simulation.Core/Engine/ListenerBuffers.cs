namespace Simulation.Core.Engine;

/// <summary>
/// Spare buffers for the listeners of events that more than one process waits for, shared by the events
/// of one simulator. An event with many waiters grew its own buffer (4, 8, ... slots) and dropped it when
/// processed; with a fresh event per round (a signal that 100 processes wait on) that was 2 KB of garbage
/// and five copies per round. A processed event hands its buffer back here, cleared, and the next event
/// with a second listener takes it, so the buffers reach their working size once.
/// </summary>
internal sealed class ListenerBuffers
{
    /// <summary>More spare buffers than this are left to the collector: a handful covers events whose
    /// waiters overlap (the next round's event fills while this round's is walked).</summary>
    private const int MaxSpare = 8;

    private const int FirstSize = 4;

    private readonly Event.ListenerSlot[]?[] _spare = new Event.ListenerSlot[MaxSpare][];
    private int _count;

    /// <summary>A buffer of at least four slots, all empty.</summary>
    public Event.ListenerSlot[] Take() => _count > 0 ? _spare[--_count]! : new Event.ListenerSlot[FirstSize];

    /// <summary>Takes back <paramref name="buffer"/>, whose slots the caller has emptied.</summary>
    public void Return(Event.ListenerSlot[] buffer)
    {
        if (_count < MaxSpare)
        {
            _spare[_count++] = buffer;
        }
    }
}
