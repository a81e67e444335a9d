using Simulation.Core.Randomness;

namespace Simulation.Scenarios.Reading;

/// <summary>
/// Draws the sampled fields of a supplier group's members. Each field has its own stream,
/// <c>StreamFactory(seed).Create("group:" + groupId, fieldPath)</c>, and member n gets the n-th draw,
/// so a group's suppliers depend only on the master seed, the group id and the field, never on other
/// groups or on which other fields are sampled.
/// </summary>
internal sealed class GroupSampler
{
    private readonly StreamFactory _streams;
    private readonly string _entity;
    private readonly Dictionary<string, RandomStream> _byField = new(StringComparer.Ordinal);

    public GroupSampler(ulong seed, string groupId)
    {
        _streams = new StreamFactory(seed);
        _entity = "group:" + groupId;
    }

    /// <summary>The id of the member being read, for messages.</summary>
    public string MemberId { get; set; } = "";

    /// <summary>Draws the next value of <paramref name="fieldPath"/> (e.g. "inputs[fabric].initial").</summary>
    public double Draw(string fieldPath, Distribution distribution)
    {
        if (!_byField.TryGetValue(fieldPath, out RandomStream? stream))
        {
            stream = _streams.Create(_entity, fieldPath);
            _byField.Add(fieldPath, stream);
        }

        return distribution.Sample(stream);
    }
}
