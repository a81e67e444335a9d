namespace Simulation.Core.Engine;

/// <summary>A resource that serves requests first come, first served.</summary>
public sealed class Resource : ResourceBase
{
    /// <summary>Creates a resource with <paramref name="capacity"/> units.</summary>
    public Resource(Simulator simulator, int capacity = 1, string? name = null)
        : base(simulator, capacity, name, new FifoLine(), preemptive: false)
    {
    }

    /// <summary>Requests a unit; yield the request to wait until it is granted.</summary>
    public Request Request() => Submit(0, preempt: false);
}
