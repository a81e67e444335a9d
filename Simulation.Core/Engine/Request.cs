namespace Simulation.Core.Engine;

/// <summary>
/// A request for one unit of a resource: an event that succeeds when the unit is granted. Give it back
/// with <see cref="ResourceBase.Release"/>, which also withdraws a request still waiting.
/// </summary>
/// <remarks>
/// Requests are pooled by their resource so that request/grant/release allocates nothing in steady
/// state: once released, a request object may be handed to another requester, so do not keep using it.
/// </remarks>
public sealed class Request : Event
{
    internal Request(ResourceBase resource)
        : base(resource.Simulator)
    {
        Resource = resource;
    }

    /// <summary>The resource requested.</summary>
    public ResourceBase Resource { get; }

    /// <summary>Lower values are served first (priority and preemptive resources).</summary>
    public int Priority { get; private set; }

    /// <summary>Whether this request may preempt a lower-priority holder (preemptive resources).</summary>
    public bool Preempt { get; private set; }

    /// <summary>The process that made the request; it is the one interrupted if preempted.</summary>
    public Process? Owner { get; private set; }

    /// <summary>When the unit was granted (NaN while waiting).</summary>
    public double GrantedAt { get; internal set; } = double.NaN;

    internal long Order { get; private set; }

    internal RequestState State { get; set; }

    internal void Prepare(int priority, bool preempt, long order, Process? owner)
    {
        ResetForReuse();
        Priority = priority;
        Preempt = preempt;
        Order = order;
        Owner = owner;
        GrantedAt = double.NaN;
        State = RequestState.Waiting;
    }

    /// <inheritdoc/>
    public override string ToString() => $"Request({Resource.Name}, priority {Priority})";
}

/// <summary>Where a request is in its life.</summary>
internal enum RequestState : byte
{
    Pooled,
    Waiting,
    Granted,
    Cancelled,
    Preempted,
}
