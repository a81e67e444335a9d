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

    /// <summary>
    /// Source lists already read, by their anchored node: a list that aliases share (a layered network's
    /// 1,115 retailers on one 285-supplier list) is read once. Its errors sit at the anchor, where the
    /// first reading reported them, so the later places would add none. Not used while sampling a group
    /// member, whose values are drawn per member.
    /// </summary>
    public Dictionary<SSeq, (List<SourceSpec> Sources, bool Complete)> SharedSources { get; } = new(ReferenceEqualityComparer.Instance);
}
