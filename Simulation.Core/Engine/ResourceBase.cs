namespace Simulation.Core.Engine;

/// <summary>
/// A resource of <see cref="Capacity"/> identical units that processes request, hold and release:
/// machines, workers, a repair crew. The variants differ in who is served first:
/// <see cref="Resource"/> (first come), <see cref="PriorityResource"/> and <see cref="PreemptiveResource"/>.
/// </summary>
public abstract class ResourceBase
{
    private readonly IWaitingLine _waiting;
    private readonly List<Request> _users;
    private readonly Stack<Request> _pool = new();
    private readonly bool _preemptive;
    private long _nextOrder;
    private double _busyIntegral;
    private double _lastChange;

    private protected ResourceBase(Simulator simulator, int capacity, string? name, IWaitingLine waiting, bool preemptive)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        if (capacity <= 0)
        {
            throw Errors.BadCapacity(nameof(capacity), name ?? "a resource", capacity);
        }

        Simulator = simulator;
        Capacity = capacity;
        Name = name ?? "resource";
        _waiting = waiting;
        _preemptive = preemptive;
        _users = new List<Request>(capacity);
        _lastChange = simulator.Now;
    }

    /// <summary>The simulation the resource belongs to.</summary>
    public Simulator Simulator { get; }

    /// <summary>The name used in messages.</summary>
    public string Name { get; }

    /// <summary>How many units there are.</summary>
    public int Capacity { get; }

    /// <summary>How many units are held now.</summary>
    public int InUse => _users.Count;

    /// <summary>How many requests are waiting (withdrawn ones may be counted until they reach the front).</summary>
    public int QueueLength => _waiting.Count;

    /// <summary>The time integral of units in use since creation: divide by elapsed time and capacity for utilisation.</summary>
    public double BusyUnitTime => _busyIntegral + (_users.Count * (Simulator.Now - _lastChange));

    /// <summary>
    /// Gives back a granted unit, or withdraws a request that is still waiting. Releasing a request that
    /// was preempted is allowed and does nothing more.
    /// </summary>
    public void Release(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ReferenceEquals(request.Resource, this))
        {
            throw Errors.ForeignRequest(Name);
        }

        switch (request.State)
        {
            case RequestState.Granted:
                AccrueBusyTime();
                RemoveUser(request);
                Recycle(request);
                ServeWaiting();
                break;
            case RequestState.Waiting:
                request.State = RequestState.Cancelled; // skipped, then recycled, when it reaches the front
                break;
            case RequestState.Preempted:
                Recycle(request);
                break;
            default:
                throw Errors.ReleaseNotHeld(Name);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({Name}, {InUse}/{Capacity} in use, {QueueLength} waiting)";

    private protected Request Submit(int priority, bool preempt)
    {
        if (!_pool.TryPop(out var request))
        {
            request = new Request(this);
        }

        request.Prepare(priority, preempt, _nextOrder++, Simulator.ActiveProcess);
        if (_users.Count < Capacity && _waiting.Count == 0)
        {
            // Nobody waits and a unit is free: the line would hand this request straight back.
            Grant(request);
            return request;
        }

        _waiting.Add(request);
        if (_preemptive && preempt && _users.Count >= Capacity)
        {
            TryPreemptFor(request);
        }

        ServeWaiting();
        return request;
    }

    private void ServeWaiting()
    {
        while (_users.Count < Capacity && _waiting.TryTake(out var next))
        {
            if (next.State == RequestState.Cancelled)
            {
                Recycle(next);
                continue;
            }

            Grant(next);
        }
    }

    private void Grant(Request request)
    {
        AccrueBusyTime();
        request.State = RequestState.Granted;
        request.GrantedAt = Simulator.Now;
        _users.Add(request);
        request.Succeed();
    }

    /// <summary>Removes a holder by reference, keeping the others in grant order (which preemption
    /// reads); <see cref="List{T}.Remove"/> would compare through the equality comparer.</summary>
    private void RemoveUser(Request request)
    {
        for (int i = _users.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_users[i], request))
            {
                _users.RemoveAt(i);
                return;
            }
        }
    }

    /// <summary>
    /// Preempts the worst holder (highest priority value, most recently granted) if the new request is
    /// the best waiter and strictly more important, so preemption never jumps the waiting order.
    /// </summary>
    private void TryPreemptFor(Request request)
    {
        DropWithdrawnAtFront();
        if (!_waiting.TryPeek(out var best) || !ReferenceEquals(best, request))
        {
            return;
        }

        Request? worst = null;
        foreach (var user in _users)
        {
            if (worst is null || user.Priority > worst.Priority ||
                (user.Priority == worst.Priority && user.GrantedAt >= worst.GrantedAt))
            {
                worst = user;
            }
        }

        if (worst is null || worst.Priority <= request.Priority)
        {
            return;
        }

        AccrueBusyTime();
        RemoveUser(worst);
        worst.State = RequestState.Preempted;
        if (worst.Owner is { IsAlive: true } owner)
        {
            owner.Interrupt(new Preemption(request.Owner, worst.GrantedAt, this));
        }
    }

    /// <summary>Withdrawn requests wait lazily in the line; the front must be a live request to compare against.</summary>
    private void DropWithdrawnAtFront()
    {
        while (_waiting.TryPeek(out var front) && front.State == RequestState.Cancelled)
        {
            _waiting.TryTake(out _);
            Recycle(front);
        }
    }

    private void Recycle(Request request)
    {
        request.State = RequestState.Pooled;
        _pool.Push(request);
    }

    private void AccrueBusyTime()
    {
        double now = Simulator.Now;
        _busyIntegral += _users.Count * (now - _lastChange);
        _lastChange = now;
    }
}
