namespace Simulation.Core.Engine;

/// <summary>An event that succeeds after a delay. Use it where it must be combined with other events;
/// a process that only waits should yield <see cref="Simulator.Delay"/>, which allocates nothing.</summary>
public sealed class Timeout : Event
{
    internal Timeout(Simulator simulator, double delay)
        : base(simulator)
    {
        Delay = delay;
        MarkTriggered();
        ScheduleAfter(delay, EventPriority.Normal);
    }

    /// <summary>The delay this timeout was created with.</summary>
    public double Delay { get; }

    /// <inheritdoc/>
    public override string ToString() => $"Timeout({Delay})";
}
