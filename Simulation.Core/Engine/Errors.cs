using System.Globalization;

namespace Simulation.Core.Engine;

/// <summary>
/// Every exception the kernel throws for misuse is built here, so messages are consistent and say what
/// was wrong, with the values involved.
/// </summary>
internal static class Errors
{
    public static ArgumentOutOfRangeException NegativeDelay(double delay) =>
        new(nameof(delay), delay, string.Create(CultureInfo.InvariantCulture,
            $"Cannot schedule into the past: the delay must be a finite number >= 0, got {delay}."));

    public static ArgumentOutOfRangeException BadPriority(int priority) =>
        new(nameof(priority), priority, string.Create(CultureInfo.InvariantCulture,
            $"Priority must be between 0 and {EventPriority.Max}, got {priority}."));

    public static InvalidOperationException RunBackwards(double until, double now) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"Cannot run until time {until}: the simulation is already at time {now} and time does not go backwards."));

    public static InvalidOperationException AlreadyTriggered(Event e) =>
        new($"{e} has already been triggered; an event succeeds or fails once.");

    public static InvalidOperationException YieldedNothing(Process p) =>
        new($"{p} yielded a null event or default(Step); yield an event, sim.Delay(...) or sim.Timeout(...).");

    public static InvalidOperationException UnhandledInterrupt(Process p, Interruption interruption) =>
        new($"{p} was interrupted ({interruption}) but yielded again without calling TryGetInterrupt; " +
            "a process must acknowledge an interrupt before it waits again.");

    public static InvalidOperationException InterruptFinished(Process p) =>
        new($"{p} has finished and cannot be interrupted.");

    public static InvalidOperationException InterruptSelf(Process p) =>
        new($"{p} tried to interrupt itself; a process cannot interrupt itself.");

    public static InvalidOperationException UnobservedFailure(Event e, Exception error) =>
        new($"{e} failed and nothing was waiting for it: {error.Message}", error);

    public static InvalidOperationException ReleaseNotHeld(string resource) =>
        new($"Cannot release a request on {resource}: the request does not hold the resource (already released, or never granted).");

    public static InvalidOperationException ForeignRequest(string resource) =>
        new($"Cannot release the request on {resource}: it was made on another resource.");

    public static InvalidOperationException ForeignEvent(Event e) =>
        new($"{e} belongs to another simulation; a condition can only combine events of one simulation.");

    public static ArgumentOutOfRangeException BadCapacity(string paramName, string what, double capacity) =>
        new(paramName, capacity, string.Create(CultureInfo.InvariantCulture,
            $"The capacity of {what} must be > 0, got {capacity}."));

    public static ArgumentOutOfRangeException BadAmount(string paramName, string what, double amount) =>
        new(paramName, amount, string.Create(CultureInfo.InvariantCulture,
            $"The amount to put into or get from {what} must be a finite number > 0, got {amount}."));

    public static ArgumentOutOfRangeException AmountAboveCapacity(string paramName, string what, double amount, double capacity) =>
        new(paramName, amount, string.Create(CultureInfo.InvariantCulture,
            $"Cannot put or get {amount} on {what}: it exceeds the capacity {capacity}, so it would wait forever."));

    public static ArgumentOutOfRangeException BadInitialLevel(string paramName, string what, double level, double capacity) =>
        new(paramName, level, string.Create(CultureInfo.InvariantCulture,
            $"The initial level of {what} must be between 0 and its capacity {capacity}, got {level}."));
}
