namespace Simulation.Core.Engine;

/// <summary>
/// Scheduling priorities. At equal simulated time, entries fire in ascending priority and then in the
/// order they were scheduled, so every run has one total order (time, priority, sequence).
/// </summary>
public static class EventPriority
{
    /// <summary>Process starts and interrupts: they run before ordinary events at the same time.</summary>
    public const int Urgent = 0;

    /// <summary>For model callbacks that must run before ordinary events at the same time.</summary>
    public const int High = 50;

    /// <summary>The default for timeouts, triggered events and callbacks.</summary>
    public const int Normal = 100;

    /// <summary>For bookkeeping (e.g. daily statistics) that must see every ordinary event at that time.</summary>
    public const int Low = 200;

    /// <summary>The largest priority value the queue can order.</summary>
    public const int Max = 32_767;

    /// <summary>Throws if <paramref name="priority"/> is outside 0..<see cref="Max"/>.</summary>
    internal static void Validate(int priority)
    {
        if ((uint)priority > Max)
        {
            throw Errors.BadPriority(priority);
        }
    }
}
