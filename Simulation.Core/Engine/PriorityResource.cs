namespace Simulation.Core.Engine;

/// <summary>A resource that serves the waiting request with the lowest priority value first (ties: first come).</summary>
public sealed class PriorityResource : ResourceBase
{
    /// <summary>Creates a resource with <paramref name="capacity"/> units.</summary>
    public PriorityResource(Simulator simulator, int capacity = 1, string? name = null)
        : base(simulator, capacity, name, new PriorityLine(), preemptive: false)
    {
    }

    /// <summary>Requests a unit at <paramref name="priority"/> (lower is served first).</summary>
    public Request Request(int priority = 0) => Submit(priority, preempt: false);
}
