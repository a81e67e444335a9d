using Simulation.Core.Randomness;
using Simulation.Scenarios.Reading;

namespace Simulation.Scenarios.Building;

/// <summary>
/// Chooses the members of a group that a sourcing node links to when its source says <c>pick: k</c>:
/// k distinct members, the least-used ones first, ties broken by the stream
/// <c>StreamFactory(seed).Create(nodeId, "pick:" + groupId)</c>.
/// </summary>
/// <remarks>
/// Least-used first keeps the load even: after any number of picks, the numbers of customers of a
/// group's members differ by at most one, so every member has customers as soon as the picks add up
/// to the group's size. A purely independent draw per node would leave members without a single
/// customer surprisingly often (with 60 mills picking 3 of 80 spinners, about 8 spinners). The price
/// is that a node's choice also depends on the nodes before it (in file order) that pick from the
/// same group; it never depends on other groups, on other fields, or on nodes after it.
/// </remarks>
internal sealed class GroupPicker
{
    private readonly StreamFactory _streams;
    private readonly Dictionary<string, int[]> _uses = new(StringComparer.Ordinal);

    public GroupPicker(ulong seed)
    {
        _streams = new StreamFactory(seed);
    }

    /// <summary>Picks <paramref name="count"/> members for <paramref name="nodeId"/>, as indices into the group's members in ascending order.</summary>
    public int[] Pick(string nodeId, GroupSpec group, int count)
    {
        int size = group.Members.Count;
        if (!_uses.TryGetValue(group.Id, out int[]? uses))
        {
            uses = new int[size];
            _uses.Add(group.Id, uses);
        }

        // A uniform random order, then a stable sort by use: among equally used members every
        // choice is equally likely.
        RandomStream stream = _streams.Create(nodeId, "pick:" + group.Id);
        var order = new int[size];
        for (int i = 0; i < size; i++)
        {
            order[i] = i;
        }

        for (int i = size - 1; i > 0; i--)
        {
            int j = stream.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int[] chosen = [.. order.OrderBy(m => uses[m]).Take(count).Order()];
        foreach (int member in chosen)
        {
            uses[member]++;
        }

        return chosen;
    }
}
