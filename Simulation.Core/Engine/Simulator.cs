namespace Simulation.Core.Engine;

/// <summary>
/// The discrete-event simulator: a clock and a queue of scheduled entries, processed in the total order
/// (time, priority, scheduling sequence). Processes, events and plain callbacks all go through it.
/// </summary>
/// <remarks>Not thread-safe: one simulator per replication, run on one thread.</remarks>
public sealed class Simulator
{
    private readonly EventQueue _queue = new();
    private long _nextSequence;
    private bool _stopRequested;

    // The bound of the innermost Run in progress: entries before it are fired in order. -infinity
    // outside Run and during RunNext, where no entry may be fired ahead of the loop.
    private double _runUntil = double.NegativeInfinity;

    /// <summary>Creates a simulator whose clock starts at <paramref name="startTime"/>.</summary>
    public Simulator(double startTime = 0)
    {
        if (!double.IsFinite(startTime))
        {
            throw new ArgumentOutOfRangeException(nameof(startTime), startTime, "The start time must be finite.");
        }

        Now = startTime;
    }

    /// <summary>The current simulated time.</summary>
    public double Now { get; private set; }

    /// <summary>The process whose code is running, or null between processes.</summary>
    public Process? ActiveProcess => Processes[ActiveProcessId];

    /// <summary>The id of <see cref="ActiveProcess"/> in <see cref="Processes"/>, or -1.</summary>
    internal int ActiveProcessId { get; set; } = -1;

    /// <summary>The live processes by id.</summary>
    internal ProcessRegistry Processes { get; } = new();

    /// <summary>How many events, process resumptions and callbacks have fired so far.</summary>
    public long ProcessedCount { get; private set; }

    /// <summary>How many entries are scheduled and not yet fired (stale ones included).</summary>
    public int ScheduledCount => _queue.Count;

    /// <summary>The last process body type started here and its resumption loop (see <see cref="BodyCallSites"/>).</summary>
    internal BodyCallSites.Recent LastBodyType;

    /// <summary>Spare listener buffers for this simulator's events.</summary>
    internal ListenerBuffers ListenerBuffers { get; } = new();

    /// <summary>Optional observer of every fired entry.</summary>
    public IEventTracer? Tracer { get; set; }

    /// <summary>Starts a process now; it runs when the clock reaches it, before ordinary events at this time.</summary>
    public Process Start(IEnumerable<Step> body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new Process(this, body, name);
    }

    /// <summary>A pause of <paramref name="delay"/> for the yielding process; allocates nothing.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Read as sim.Delay(d) beside sim.Timeout(d).")]
    public Step Delay(double delay)
    {
        if (!(delay >= 0) || double.IsPositiveInfinity(delay))
        {
            throw Errors.NegativeDelay(delay);
        }

        return Step.ForDelay(delay);
    }

    /// <summary>An event that succeeds after <paramref name="delay"/>; combinable in conditions.</summary>
    public Timeout Timeout(double delay)
    {
        if (!(delay >= 0) || double.IsPositiveInfinity(delay))
        {
            throw Errors.NegativeDelay(delay);
        }

        return new Timeout(this, delay);
    }

    /// <summary>An event that succeeds when all of <paramref name="events"/> have succeeded.</summary>
    public Condition AllOf(params Event[] events) => new(this, events, all: true);

    /// <summary>An event that succeeds when the first of <paramref name="events"/> succeeds.</summary>
    public Condition AnyOf(params Event[] events) => new(this, events, all: false);

    /// <summary>
    /// Calls <paramref name="callback"/> after <paramref name="delay"/>: the cheapest way to model
    /// something that happens at a time but need not wait. Reuse the delegate on hot paths.
    /// </summary>
    public void Schedule(double delay, Action callback, int priority = EventPriority.Normal)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Enqueue(delay, priority, callback);
    }

    /// <summary>Runs until no entry is left or <see cref="Stop"/> is called.</summary>
    public void Run() => Run(double.PositiveInfinity);

    /// <summary>
    /// Runs every entry scheduled before <paramref name="until"/> and sets the clock to it. Entries at
    /// exactly <paramref name="until"/> are left for the next run, as in SimPy.
    /// </summary>
    public void Run(double until)
    {
        if (double.IsNaN(until) || until < Now)
        {
            throw Errors.RunBackwards(until, Now);
        }

        _stopRequested = false;
        double outerUntil = _runUntil; // a body may run the simulator itself
        _runUntil = until;
        try
        {
            while (!_stopRequested && _queue.TryPopBefore(until, out var entry))
            {
                Fire(entry);
                _queue.ReleaseHeld();
            }
        }
        finally
        {
            _runUntil = outerUntil;
        }

        if (!_stopRequested && double.IsFinite(until))
        {
            Now = until;
        }
    }

    /// <summary>Fires the next entry, if any; returns false when the queue is empty.</summary>
    public bool RunNext()
    {
        if (!_queue.TryPopBefore(double.PositiveInfinity, out var entry))
        {
            return false;
        }

        double outerUntil = _runUntil;
        _runUntil = double.NegativeInfinity; // one entry, and only one, fires
        try
        {
            Fire(entry);
        }
        finally
        {
            _runUntil = outerUntil;
        }

        _queue.ReleaseHeld();
        return true;
    }

    /// <summary>The time of the next entry, or +infinity when none is left.</summary>
    public double PeekTime() => _queue.PeekTime();

    /// <summary>Stops <see cref="Run()"/> after the entry that is firing now.</summary>
    public void Stop() => _stopRequested = true;

    internal long Enqueue(double delay, int priority, object target)
    {
        if (!(delay >= 0) || double.IsPositiveInfinity(delay))
        {
            throw Errors.NegativeDelay(delay);
        }

        EventPriority.Validate(priority);
        return EnqueueValidated(delay, priority, target);
    }

    /// <summary>For callers that already validated the delay (a <see cref="Step"/>) and use a fixed priority.</summary>
    internal long EnqueueValidated(double delay, int priority, object target)
    {
        long sequence = _nextSequence++;
        _queue.Push(Now + delay, priority, sequence, target, Now);
        return sequence;
    }

    internal void CountProcessed() => ProcessedCount++;

    /// <summary>
    /// Takes the entry of <paramref name="e"/> with <paramref name="sequence"/> off the queue and counts
    /// it as fired, if it is the very entry that <see cref="Run(double)"/> would fire next; the caller
    /// then processes the event in place. Only for a caller whose work is the last of the entry now
    /// firing (see <see cref="Event.TryProcessAsNext"/>), so that nothing else could run in between.
    /// </summary>
    internal bool TryFireAsNext(Event e, long sequence)
    {
        if (_stopRequested || !_queue.TryPopIfNext(e, sequence, _runUntil, out var entry))
        {
            return false;
        }

        Now = entry.Time;
        Tracer?.OnFiring(entry.Time, entry.Priority, entry.Sequence, e);
        ProcessedCount++;
        return true;
    }

    private void Fire(in EventQueue.Entry entry)
    {
        var target = entry.Target;
        Now = entry.Time;
        Tracer?.OnFiring(entry.Time, entry.Priority, entry.Sequence, target);
        if (target is Process process)
        {
            process.Fire(entry.Sequence); // sealed: a type check and a direct call, the commonest entry
        }
        else if (target is Event e)
        {
            e.Fire(entry.Sequence);
        }
        else
        {
            ProcessedCount++;
            ((Action)target).Invoke();
        }
    }
}
