namespace Simulation.Core.Engine;

/// <summary>
/// What a process yields: either an event to wait for, or a plain delay.
/// </summary>
/// <remarks>
/// A delay is a struct, so <c>yield return sim.Delay(d)</c> allocates nothing; it is the hot-path form of
/// <see cref="Simulator.Timeout"/> for a process that waits on nothing else. Any <see cref="Event"/>
/// converts implicitly, so <c>yield return request;</c> reads as in SimPy.
/// </remarks>
public readonly struct Step
{
    internal readonly Event? Event;
    internal readonly double Delay;
    internal readonly bool IsDelay;

    private Step(Event? e, double delay, bool isDelay)
    {
        Event = e;
        Delay = delay;
        IsDelay = isDelay;
    }

    internal static Step ForDelay(double delay) => new(null, delay, true);

    /// <summary>Waits for <paramref name="e"/>.</summary>
    public static implicit operator Step(Event e) => new(e, 0, false);

    /// <summary>Waits for <paramref name="e"/> (the named alternative to the implicit conversion).</summary>
    public static Step Wait(Event e) => e;
}
