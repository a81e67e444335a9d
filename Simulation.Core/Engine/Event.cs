using System.Runtime.CompilerServices;

namespace Simulation.Core.Engine;

/// <summary>
/// Something that happens at a point in simulated time. An event is pending until it is triggered
/// (succeeds or fails); it is then scheduled, and when the clock reaches it, it is processed: the
/// processes and callbacks waiting for it run.
/// </summary>
public class Event
{
    private EventState _state;
    private long _sequence = -1;
    private IEventListener? _firstListener;

    // The listeners after the first, as structs: storing an interface reference into an interface-typed
    // array (or List) pays a covariance check per store, which the events side-by-side benchmark showed.
    private ListenerSlot[]? _moreListeners;
    private int _moreCount;

    /// <summary>Creates a pending event that the model triggers with <see cref="Succeed"/> or <see cref="Fail"/>.</summary>
    public Event(Simulator simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        Simulator = simulator;
    }

    /// <summary>The simulation this event belongs to.</summary>
    public Simulator Simulator { get; }

    /// <summary>True once the event has succeeded or failed.</summary>
    public bool IsTriggered => _state != EventState.Pending;

    /// <summary>True once the clock has reached the event and its waiters have run.</summary>
    public bool IsProcessed => _state == EventState.Processed;

    /// <summary>True if the event was triggered and did not fail.</summary>
    public bool IsOk => IsTriggered && Error is null;

    /// <summary>Why the event failed, or null.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Triggers the event successfully now; waiters run when it is processed.</summary>
    public void Succeed(int priority = EventPriority.Normal)
    {
        EventPriority.Validate(priority);
        MarkTriggered();
        ScheduleNow(priority);
    }

    /// <summary>Triggers the event as failed; waiters see <see cref="Error"/>.</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        MarkTriggered();
        Error = error;
        ScheduleNow(EventPriority.Normal);
    }

    /// <summary>Runs <paramref name="callback"/> when the event is processed (at once if it already was).</summary>
    public void AddCallback(Action<Event> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var listener = new CallbackListener(callback);
        if (IsProcessed)
        {
            listener.OnProcessed(this);
        }
        else
        {
            AddListener(listener);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => GetType().Name;

    internal void MarkTriggered()
    {
        if (_state != EventState.Pending)
        {
            throw Errors.AlreadyTriggered(this);
        }

        _state = EventState.Triggered;
    }

    internal void ScheduleAfter(double delay, int priority) =>
        _sequence = Simulator.Enqueue(delay, priority, this);

    /// <summary>Schedules at the current time with a validated priority: a zero delay needs no check,
    /// and every store put, store get, resource grant, interrupt and process end comes through here.</summary>
    private protected void ScheduleNow(int priority) =>
        _sequence = Simulator.EnqueueValidated(0, priority, this);

    /// <summary>Called by the simulator when a queue entry for this event comes due.</summary>
    internal virtual void Fire(long sequence)
    {
        // A recycled event (pooled resource requests) may have an old entry still queued: ignore it.
        if (sequence != _sequence)
        {
            return;
        }

        _sequence = -1;
        _state = EventState.Processed;
        Simulator.CountProcessed();
        NotifyListeners();
    }

    /// <summary>
    /// For a process that is about to wait for this event and whose resumption is the last work of the
    /// entry now firing: if the event is triggered, nobody else waits for it and its queue entry is the
    /// one the simulator would fire next, the entry is fired here (taken off the queue, traced and
    /// counted) and the event is processed, so the process can go on at once instead of waiting for
    /// a round trip through the queue whose outcome is the same. A resource request granted at once, or
    /// a store put with room, is this case: the success is scheduled at the current time, and nothing
    /// comes before it. The event order, the counts and what every tracer sees are unchanged.
    /// </summary>
    /// <remarks>Processes are excluded (their firing is their own); every other event's firing is
    /// <see cref="Fire"/>, which with no listeners only marks the event processed (a failure is not
    /// unobserved: the resuming process observes it).</remarks>
    internal bool TryProcessAsNext()
    {
        if (_state != EventState.Triggered || _firstListener is not null || this is Process ||
            !Simulator.TryFireAsNext(this, _sequence))
        {
            return false;
        }

        _sequence = -1;
        _state = EventState.Processed;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddListener(IEventListener listener)
    {
        if (_firstListener is null)
        {
            _firstListener = listener;
            return;
        }

        var more = _moreListeners;
        if (more is null || _moreCount == more.Length)
        {
            more = MakeRoomForListener();
        }

        more[_moreCount++] = new ListenerSlot(listener);
    }

    /// <summary>The cold half of <see cref="AddListener"/>: a spare buffer of the simulator's, or a larger one.</summary>
    private ListenerSlot[] MakeRoomForListener()
    {
        if (_moreListeners is null)
        {
            return _moreListeners = Simulator.ListenerBuffers.Take();
        }

        Array.Resize(ref _moreListeners, _moreListeners.Length * 2);
        return _moreListeners;
    }

    internal void RemoveListener(IEventListener listener)
    {
        if (ReferenceEquals(_firstListener, listener))
        {
            _firstListener = null;
            if (_moreCount > 0)
            {
                _firstListener = _moreListeners![0].Listener;
                RemoveMoreAt(0);
            }

            return;
        }

        for (int i = 0; i < _moreCount; i++)
        {
            if (ReferenceEquals(_moreListeners![i].Listener, listener))
            {
                RemoveMoreAt(i);
                return;
            }
        }
    }

    /// <summary>Returns a processed event to the pending state so a pool can hand it out again.</summary>
    internal void ResetForReuse()
    {
        _state = EventState.Pending;
        _sequence = -1;
        _firstListener = null;
        if (_moreCount > 0)
        {
            Array.Clear(_moreListeners!, 0, _moreCount);
            _moreCount = 0;
        }

        Error = null;
    }

    private void RemoveMoreAt(int index)
    {
        var more = _moreListeners!;
        Array.Copy(more, index + 1, more, index, _moreCount - index - 1);
        more[--_moreCount] = default;
    }

    private void NotifyListeners()
    {
        var first = _firstListener;
        if (first is null)
        {
            if (Error is not null)
            {
                throw Errors.UnobservedFailure(this, Error);
            }

            return;
        }

        _firstListener = null;
        var more = _moreListeners;
        int count = _moreCount;
        if (count > 0)
        {
            // Detach the buffer while its listeners run, so nothing they do to this (processed) event
            // changes the list being walked; then hand it, emptied, to the next event with many waiters.
            _moreListeners = null;
            _moreCount = 0;
        }

        Notify(first);
        for (int i = 0; i < count; i++)
        {
            var listener = more![i].Listener;
            more[i] = default;
            Notify(listener);
        }

        if (count > 0)
        {
            Simulator.ListenerBuffers.Return(more!);
        }
    }

    /// <summary>Most listeners are waiting processes: a sealed-type check and a direct call is cheaper
    /// than interface dispatch on the hot path of every resumption.</summary>
    private void Notify(IEventListener listener)
    {
        if (listener is Process process)
        {
            process.OnTargetProcessed();
        }
        else
        {
            listener.OnProcessed(this);
        }
    }

    /// <summary>A listener in a buffer (see <see cref="ListenerBuffers"/>).</summary>
    internal readonly struct ListenerSlot(IEventListener listener)
    {
        public readonly IEventListener Listener = listener;
    }

    private enum EventState : byte
    {
        Pending,
        Triggered,
        Processed,
    }

    private sealed class CallbackListener(Action<Event> callback) : IEventListener
    {
        public void OnProcessed(Event e) => callback(e);
    }
}
