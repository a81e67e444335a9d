namespace Simulation.Core.Engine;

/// <summary>
/// An event over other events: <see cref="Simulator.AllOf"/> succeeds when all of them have succeeded,
/// <see cref="Simulator.AnyOf"/> when the first one does. Either fails as soon as one of them fails.
/// After it fires, inspect each of <see cref="Events"/> (<see cref="Event.IsProcessed"/>) to see which happened.
/// </summary>
public sealed class Condition : Event, IEventListener
{
    private readonly Event[] _events;
    private readonly int _needed;
    private int _done;

    internal Condition(Simulator simulator, Event[] events, bool all)
        : base(simulator)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = (Event[])events.Clone();
        _needed = all ? _events.Length : Math.Min(1, _events.Length);
        IsAllOf = all;
        foreach (var e in _events)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(events));
            if (!ReferenceEquals(e.Simulator, simulator))
            {
                throw Errors.ForeignEvent(e);
            }
        }

        foreach (var e in _events)
        {
            if (IsTriggered)
            {
                break;
            }

            if (e.IsProcessed)
            {
                Count(e);
            }
            else
            {
                e.AddListener(this);
            }
        }

        if (!IsTriggered && _done >= _needed)
        {
            Succeed();
        }
    }

    /// <summary>True for all-of, false for any-of.</summary>
    public bool IsAllOf { get; }

    /// <summary>The events this condition waits for, in the order given.</summary>
    public IReadOnlyList<Event> Events => _events;

    void IEventListener.OnProcessed(Event e) => Count(e);

    private void Count(Event e)
    {
        if (IsTriggered)
        {
            return;
        }

        if (!e.IsOk)
        {
            Fail(e.Error!);
            return;
        }

        if (++_done >= _needed)
        {
            Succeed();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{(IsAllOf ? "AllOf" : "AnyOf")}({_events.Length} events)";
}
