namespace Simulation.Core.Engine;

/// <summary>An event that carries a typed value when it succeeds.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
public sealed class Event<T> : Event
{
    /// <summary>Creates a pending event.</summary>
    public Event(Simulator simulator)
        : base(simulator)
    {
    }

    /// <summary>The value the event succeeded with (default until then).</summary>
    public T? Value { get; private set; }

    /// <summary>Triggers the event successfully with <paramref name="value"/>.</summary>
    public void Succeed(T value, int priority = EventPriority.Normal)
    {
        EventPriority.Validate(priority);
        if (IsTriggered)
        {
            throw Errors.AlreadyTriggered(this);
        }

        Value = value;
        Succeed(priority);
    }
}
