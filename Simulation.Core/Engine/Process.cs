namespace Simulation.Core.Engine;

/// <summary>
/// A process: an iterator of <see cref="Step"/>s that the simulator resumes each time what it waits for
/// happens. A process is itself an event that succeeds when the iterator ends, so processes can wait
/// for each other.
/// </summary>
public sealed unsafe class Process : Event, IEventListener
{
    private readonly IEnumerator<Step> _body;

    // The copy of the resumption loop that runs this body (one per body type, see BodyCallSites).
    private readonly delegate*<Process, bool, void> _resume;

    // Whether the process waits for the event of its body's current step. The event itself is not kept
    // here: the body's Current still holds it (an enumerator's Current stays put until MoveNext), and
    // storing a new event into a long-lived process on every wait was a cross-generation write barrier,
    // a fifth of the time of the events side-by-side workload.
    private bool _waitsForEvent;
    private long _wakeSequence = -1;
    private Interruption? _unhandledInterrupt;
    private readonly int _id;

    internal Process(Simulator simulator, IEnumerable<Step> body, string? name)
        : base(simulator)
    {
        _body = body.GetEnumerator();
        _resume = ResumeFor(simulator, _body);
        Name = name ?? "process";
        _id = simulator.Processes.Add(this);
        // Like SimPy's Initialize: start urgently at the current time, in scheduling order.
        _wakeSequence = simulator.EnqueueValidated(0, EventPriority.Urgent, this);
    }

    /// <summary>The name given at start, used in messages and traces.</summary>
    public string Name { get; }

    /// <summary>True until the iterator has ended.</summary>
    public bool IsAlive { get; private set; } = true;

    /// <summary>The event the process is waiting for, or null while it runs or sleeps on a delay.</summary>
    public Event? Target => _waitsForEvent ? _body.Current.Event : null;

    /// <summary>
    /// Interrupts the process: it stops waiting and resumes now (urgently), and must call
    /// <see cref="TryGetInterrupt"/> before it waits again.
    /// </summary>
    public void Interrupt(object? cause = null)
    {
        if (!IsAlive)
        {
            throw Errors.InterruptFinished(this);
        }

        if (ReferenceEquals(Simulator.ActiveProcess, this))
        {
            throw Errors.InterruptSelf(this);
        }

        _ = new InterruptEvent(this, new Interruption(Simulator.Now, cause));
    }

    /// <summary>
    /// True if the process was resumed by an interrupt; hands out the interruption and marks it handled.
    /// </summary>
    public bool TryGetInterrupt(out Interruption interruption)
    {
        interruption = _unhandledInterrupt!;
        _unhandledInterrupt = null;
        return interruption is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Process({Name})";

    internal override void Fire(long sequence)
    {
        if (sequence == _wakeSequence)
        {
            _wakeSequence = -1;
            Simulator.CountProcessed();
            Resume(lastOfFiring: true); // the process's own entry: nothing runs after it in this firing
        }
        else
        {
            base.Fire(sequence); // completion, or a stale wake that the base ignores
        }
    }

    void IEventListener.OnProcessed(Event e) => OnTargetProcessed();

    /// <summary>The event this process waits for was processed: resume it.</summary>
    internal void OnTargetProcessed()
    {
        _waitsForEvent = false;
        Resume(lastOfFiring: false);
    }

    /// <summary>The iterator that <see cref="Resume"/> runs, for the queue to prefetch (see <see cref="CachePrefetch"/>).</summary>
    internal object Body => _body;

    internal void DeliverInterrupt(Interruption interruption)
    {
        if (!IsAlive)
        {
            return; // finished between the interrupt call and its delivery, as in SimPy
        }

        if (_waitsForEvent)
        {
            _waitsForEvent = false;
            _body.Current.Event!.RemoveListener(this);
        }

        _wakeSequence = -1; // a pending delay no longer resumes the process
        _unhandledInterrupt = interruption;
        Resume(lastOfFiring: false);
    }

    /// <summary>Runs the body to its next wait, through its type's copy of <see cref="Resume{TSite}"/>.</summary>
    private void Resume(bool lastOfFiring) => _resume(this, lastOfFiring);

    /// <summary>
    /// Runs the body to its next wait. <paramref name="lastOfFiring"/>: nothing else runs in the entry now
    /// firing once this returns, so an event the body waits for may be processed in place when its entry
    /// is next (<see cref="Event.TryProcessAsNext"/>).
    /// </summary>
    /// <remarks>One copy per <typeparamref name="TSite"/> (a value type, so never shared code), each
    /// with its own calls of <c>MoveNext</c> and <c>Current</c> and its own profile: see
    /// <see cref="BodyCallSites"/>. The loop is written here, not in an inlined helper, because the
    /// runtime keeps an inlined method's profile per method, shared by every copy.</remarks>
    private static void Resume<TSite>(Process process, bool lastOfFiring)
        where TSite : struct
    {
        var simulator = process.Simulator;
        var body = process._body;
        int previous = simulator.ActiveProcessId;
        simulator.ActiveProcessId = process._id;
        try
        {
            while (true)
            {
                if (!body.MoveNext())
                {
                    process.Finish();
                    return;
                }

                if (process._unhandledInterrupt is not null)
                {
                    throw Errors.UnhandledInterrupt(process, process._unhandledInterrupt);
                }

                var step = body.Current;
                if (step.IsDelay)
                {
                    process._wakeSequence = simulator.EnqueueValidated(step.Delay, EventPriority.Normal, process);
                    return;
                }

                var target = step.Event ?? throw Errors.YieldedNothing(process);
                if (!target.IsProcessed)
                {
                    if (lastOfFiring && target.TryProcessAsNext())
                    {
                        continue; // fired and processed in place, as the queue would have next
                    }

                    process._waitsForEvent = true;
                    target.AddListener(process);
                    return;
                }

                // Already processed: continue at once, as SimPy does.
            }
        }
        finally
        {
            simulator.ActiveProcessId = previous; // -1 unless a body runs the simulator itself
        }
    }

    /// <summary>The copy of <see cref="Resume{TSite}"/> for <paramref name="body"/>: the simulator's last
    /// one when the body is of the last type started (a model starts the same kind of process again and
    /// again, so the table is rarely searched), else its site's.</summary>
    private static delegate*<Process, bool, void> ResumeFor(Simulator simulator, IEnumerator<Step> body)
    {
        nint type = BodyCallSites.TypeKey(body);
        ref var last = ref simulator.LastBodyType;
        if (last.TypeHandle != type)
        {
            last = new BodyCallSites.Recent(type, (nint)ResumeAt(BodyCallSites.Default.SiteOf(body.GetType())));
        }

        return (delegate*<Process, bool, void>)last.Resume;
    }

    /// <summary>The copy of <see cref="Resume{TSite}"/> for call site <paramref name="site"/>.</summary>
    private static delegate*<Process, bool, void> ResumeAt(int site) => site switch
    {
        0 => &Resume<BodyCallSites.Site0>,
        1 => &Resume<BodyCallSites.Site1>,
        2 => &Resume<BodyCallSites.Site2>,
        3 => &Resume<BodyCallSites.Site3>,
        4 => &Resume<BodyCallSites.Site4>,
        5 => &Resume<BodyCallSites.Site5>,
        6 => &Resume<BodyCallSites.Site6>,
        7 => &Resume<BodyCallSites.Site7>,
        8 => &Resume<BodyCallSites.Site8>,
        9 => &Resume<BodyCallSites.Site9>,
        10 => &Resume<BodyCallSites.Site10>,
        11 => &Resume<BodyCallSites.Site11>,
        12 => &Resume<BodyCallSites.Site12>,
        13 => &Resume<BodyCallSites.Site13>,
        14 => &Resume<BodyCallSites.Site14>,
        15 => &Resume<BodyCallSites.Site15>,
        _ => &Resume<BodyCallSites.Shared>,
    };

    private void Finish()
    {
        IsAlive = false;
        _body.Dispose();
        Simulator.Processes.Remove(_id); // after Dispose: its finally blocks still run as this process
        Succeed();
    }

    /// <summary>Delivers an interrupt through the queue so it keeps the total event order.</summary>
    private sealed class InterruptEvent : Event
    {
        private readonly Process _process;
        private readonly Interruption _interruption;

        public InterruptEvent(Process process, Interruption interruption)
            : base(process.Simulator)
        {
            _process = process;
            _interruption = interruption;
            MarkTriggered();
            ScheduleNow(EventPriority.Urgent);
        }

        internal override void Fire(long sequence)
        {
            base.Fire(sequence);
            _process.DeliverInterrupt(_interruption);
        }
    }
}
