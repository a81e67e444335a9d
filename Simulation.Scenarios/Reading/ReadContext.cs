using Simulation.Scenarios.Loading;

namespace Simulation.Scenarios.Reading;

/// <summary>What a reader needs besides the node it reads: where errors go and, for a group member, how to sample.</summary>
internal sealed class ReadContext
{
    public ReadContext(Diagnostics errors, GroupSampler? sampler = null)
    {
        Errors = errors;
        Sampler = sampler;
    }

    public Diagnostics Errors { get; }

    /// <summary>Set while a supplier group's member is read: numeric fields may then be distributions.</summary>
    public GroupSampler? Sampler { get; }
}
