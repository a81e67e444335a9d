namespace Simulation.Core.Engine;

/// <summary>The interrupt cause a process receives when a higher-priority request takes its unit.</summary>
/// <param name="By">The process whose request preempted it (null if made outside a process).</param>
/// <param name="UsageSince">When the preempted process was granted the unit.</param>
/// <param name="Resource">The resource.</param>
public sealed record Preemption(Process? By, double UsageSince, ResourceBase Resource)
{
    /// <inheritdoc/>
    public override string ToString() => $"preempted on {Resource.Name} by {By?.ToString() ?? "a request"}";
}
