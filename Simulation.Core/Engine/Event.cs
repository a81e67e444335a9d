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
    // The listeners, as codes (see ListenerCode): a waiting process by its id in the simulator's
    // Processes, anything else by its place in _extras. Storing a process reference here took a write
    // barrier per wait (the waiter's slot, every resumption of the events and store side-by-side
    // workloads); an int takes none.
    private int _firstListener;
    private int[]? _moreListeners;
    private int _moreCount;
    private Extras? _extras;

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
    public Exception? Error => _extras?.Error;

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
        (_extras ??= new Extras()).Error = error;
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

    /// <summary><paramref name="process"/> waits for this event (it resumes when the event is processed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddWaiter(Process process) => AddListenerCode(ListenerCode.OfProcess(process.Id));

    /// <summary>A listener other than a process (a condition, a callback) waits for this event.</summary>
    internal void AddListener(IEventListener listener)
    {
        var others = (_extras ??= new Extras()).OtherListeners ??= [];
        others.Add(listener);
        AddListenerCode(ListenerCode.OfOther(others.Count - 1));
    }

    /// <summary><paramref name="process"/> stops waiting for this event (it was interrupted).</summary>
    internal void RemoveWaiter(Process process)
    {
        int code = ListenerCode.OfProcess(process.Id);
        if (_firstListener == code)
        {
            _firstListener = ListenerCode.None;
            if (_moreCount > 0)
            {
                _firstListener = _moreListeners![0];
                RemoveMoreAt(0);
            }

            return;
        }

        int index = Array.IndexOf(_moreListeners ?? [], code, 0, _moreCount);
        if (index >= 0)
        {
            RemoveMoreAt(index);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddListenerCode(int code)
    {
        if (_firstListener == ListenerCode.None)
        {
            _firstListener = code;
            return;
        }

        var more = _moreListeners;
        if (more is null || _moreCount == more.Length)
        {
            more = MakeRoomForListener();
        }

        more[_moreCount++] = code;
    }

    /// <summary>The cold half of <see cref="AddListenerCode"/>: a spare buffer of the simulator's, or a larger one.</summary>
    private int[] MakeRoomForListener()
    {
        if (_moreListeners is null)
        {
            return _moreListeners = Simulator.ListenerBuffers.Take();
        }

        Array.Resize(ref _moreListeners, _moreListeners.Length * 2);
        return _moreListeners;
    }

    /// <summary>Returns a processed event to the pending state so a pool can hand it out again.</summary>
    internal void ResetForReuse()
    {
        _state = EventState.Pending;
        _sequence = -1;
        _firstListener = ListenerCode.None;
        _moreCount = 0;
        _extras = null;
    }

    private void RemoveMoreAt(int index)
    {
        var more = _moreListeners!;
        Array.Copy(more, index + 1, more, index, _moreCount - index - 1);
        _moreCount--;
    }

    private void NotifyListeners()
    {
        int first = _firstListener;
        if (first == ListenerCode.None)
        {
            if (Error is not null)
            {
                throw Errors.UnobservedFailure(this, Error);
            }

            return;
        }

        _firstListener = ListenerCode.None;
        var more = _moreListeners;
        int count = _moreCount;
        if (count > 0)
        {
            // Detach the buffer while its listeners run, so nothing they do to this (processed) event
            // changes the list being walked; then hand it, emptied, to the next event with many waiters.
            _moreListeners = null;
            _moreCount = 0;
        }

        var others = _extras?.OtherListeners;
        if (others is not null)
        {
            _extras!.OtherListeners = null;
        }

        var processes = Simulator.Processes;
        Notify(processes, others, first);
        for (int i = 0; i < count; i++)
        {
            Notify(processes, others, more![i]);
        }

        if (count > 0)
        {
            Simulator.ListenerBuffers.Return(more!);
        }
    }

    /// <summary>Most listeners are waiting processes, resumed by a direct call; any other listener is
    /// called through its interface.</summary>
    private void Notify(ProcessRegistry processes, List<IEventListener>? others, int code)
    {
        if (ListenerCode.IsProcess(code))
        {
            processes.Get(ListenerCode.Id(code)).OnTargetProcessed();
        }
        else
        {
            others![ListenerCode.Id(code)].OnProcessed(this);
        }
    }

    /// <summary>
    /// How an event names a listener: a process id <c>p</c> as <c>p + 1</c>, another listener at place
    /// <c>o</c> of <see cref="Extras.OtherListeners"/> as <c>-(o + 1)</c>, so that 0 (a fresh field) is none.
    /// Other listeners stay referenced by the event alone (a simulator-wide table would keep a condition
    /// alive as long as the simulator when one of its events never comes).
    /// </summary>
    private static class ListenerCode
    {
        public const int None = 0;

        public static int OfProcess(int processId) => processId + 1;

        public static int OfOther(int listenerId) => -(listenerId + 1);

        public static bool IsProcess(int code) => code > 0;

        public static int Id(int code) => code > 0 ? code - 1 : -code - 1;
    }

    /// <summary>What few events need, kept out of every event's fields: a failure, and listeners that
    /// are not processes (no model path uses them; the kernel tests and user code do).</summary>
    private sealed class Extras
    {
        public Exception? Error;
        public List<IEventListener>? OtherListeners;
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
