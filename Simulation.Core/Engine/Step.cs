namespace Simulation.Core.Engine;

/// <summary>
/// What a process yields: either an event to wait for, or a plain delay.
/// </summary>
/// <remarks>
/// <para>A delay is a struct, so <c>yield return sim.Delay(d)</c> allocates nothing; it is the hot-path form of
/// <see cref="Simulator.Timeout"/> for a process that waits on nothing else. Any <see cref="Event"/>
/// converts implicitly, so <c>yield return request;</c> reads as in SimPy.</para>
/// <para>Why two 8-byte fields and no flag: the iterator stores the step field by field and the process
/// reads it back at once; a flag byte beside them made that read straddle stores of different sizes,
/// which the processor cannot forward (a stall of about a dozen cycles per resumption, seen in the
/// profile of the timeout benchmark). The delay is kept as the complement of its bits, so every valid
/// delay (non-negative, sign bit clear) codes to a non-zero value and zero means "an event", which also
/// makes <c>default(Step)</c> an event step without an event: an error, as before.</para>
/// </remarks>
public readonly struct Step
{
    internal readonly Event? Event;
    private readonly long _delayCode;

    private Step(Event? e, long delayCode)
    {
        Event = e;
        _delayCode = delayCode;
    }

    internal bool IsDelay => _delayCode != 0;

    internal double Delay => BitConverter.Int64BitsToDouble(~_delayCode);

    internal static Step ForDelay(double delay) => new(null, ~BitConverter.DoubleToInt64Bits(delay));

    /// <summary>Waits for <paramref name="e"/>.</summary>
    public static implicit operator Step(Event e) => new(e, 0);

    /// <summary>Waits for <paramref name="e"/> (the named alternative to the implicit conversion).</summary>
    public static Step Wait(Event e) => e;
}
