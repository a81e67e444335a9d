namespace Simulation.Core.Engine;

/// <summary>
/// A priority resource where a more important request takes a unit from a less important holder at
/// once; the holder's process is interrupted with a <see cref="Preemption"/> cause.
/// </summary>
public sealed class PreemptiveResource : ResourceBase
{
    /// <summary>Creates a resource with <paramref name="capacity"/> units.</summary>
    public PreemptiveResource(Simulator simulator, int capacity = 1, string? name = null)
        : base(simulator, capacity, name, new PriorityLine(), preemptive: true)
    {
    }

    /// <summary>
    /// Requests a unit at <paramref name="priority"/> (lower is more important); with
    /// <paramref name="preempt"/>, a less important holder is preempted if no unit is free.
    /// </summary>
    public Request Request(int priority = 0, bool preempt = true) => Submit(priority, preempt);
}
