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
    private List<IEventListener>? _moreListeners;

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
        ScheduleAfter(0, priority);
    }

    /// <summary>Triggers the event as failed; waiters see <see cref="Error"/>.</summary>
    public void Fail(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        MarkTriggered();
        Error = error;
        ScheduleAfter(0, EventPriority.Normal);
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

    internal void AddListener(IEventListener listener)
    {
        if (_firstListener is null)
        {
            _firstListener = listener;
        }
        else
        {
            (_moreListeners ??= []).Add(listener);
        }
    }

    internal void RemoveListener(IEventListener listener)
    {
        if (ReferenceEquals(_firstListener, listener))
        {
            _firstListener = null;
            if (_moreListeners is { Count: > 0 })
            {
                _firstListener = _moreListeners[0];
                _moreListeners.RemoveAt(0);
            }
        }
        else
        {
            _moreListeners?.Remove(listener);
        }
    }

    /// <summary>Returns a processed event to the pending state so a pool can hand it out again.</summary>
    internal void ResetForReuse()
    {
        _state = EventState.Pending;
        _sequence = -1;
        _firstListener = null;
        _moreListeners?.Clear();
        Error = null;
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
        first.OnProcessed(this);
        var more = _moreListeners;
        if (more is { Count: > 0 })
        {
            // Copy: a listener may add listeners to this (processed) event, which run at once instead.
            var snapshot = more.ToArray();
            more.Clear();
            foreach (var listener in snapshot)
            {
                listener.OnProcessed(this);
            }
        }
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
