using Simulation.Core.Network.Definitions;
using Simulation.Core.Randomness;
using Simulation.Scenarios;

namespace Simulation.Tests.Scenarios;

/// <summary>Supplier groups: generated ids, sampling from the master seed, rounding, and group links.</summary>
public sealed class SupplierGroupTests : IDisposable
{
    private const string Group = """
        supplier_groups:
          - id: g
            count: 4
            tier: 1
            region: r1
            product: good
            size: small
            capacity_per_day: {dist: uniform, min: 100, max: 200}
            workers: {dist: uniform, min: 10, max: 20}
            inputs:
              - product: raw
                initial: {dist: uniform, min: 1, max: 2}
                sources: [{supplier: s2, share: 1}]

        """;

    private readonly ScenarioFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Scenario(ulong seed, string group = Group) =>
        ScenarioFolder.WithLine(
            ScenarioFolder.MinimalWithLine(14, "    sources: [{group: g, share: 1}]"),
            2,
            "horizon_days: 100\nseed: " + seed.ToString(System.Globalization.CultureInfo.InvariantCulture)) + group;

    private static NodeDefinition[] Members(ScenarioLoadResult result, string group) =>
        [.. result.Definition!.Nodes.Where(n => n.Group == group)];

    /// <summary>The draws the format promises: stream ("group:" + id, field path) of the master seed, one per member in order.</summary>
    private static double[] Draws(ulong seed, string group, string field, Distribution distribution, int count)
    {
        RandomStream stream = new StreamFactory(seed).Create("group:" + group, field);
        return [.. Enumerable.Range(0, count).Select(_ => distribution.Sample(stream))];
    }

    [Fact]
    public void Group_GeneratesCountSuppliers_NamedAfterTheGroup()
    {
        ScenarioLoadResult result = _folder.Load(Scenario(42));

        Assert.Empty(result.Errors);
        NodeDefinition[] members = Members(result, "g");
        Assert.Equal(["g-1", "g-2", "g-3", "g-4"], members.Select(m => m.Id));
        Assert.All(members, m => Assert.Equal((NodeRole.Supplier, 1, SizeClass.Small, "r1"), (m.Role, m.Tier, m.Size, m.RegionId)));
        Assert.Equal(7, result.Definition!.Nodes.Count);
    }

    [Fact]
    public void Ids_AreZeroPaddedToTheWidthOfTheCount()
    {
        ScenarioLoadResult result = _folder.Load(Scenario(42, Group.Replace("count: 4", "count: 12", StringComparison.Ordinal)));

        Assert.Empty(result.Errors);
        Assert.Equal(
            ["g-01", "g-02", "g-03", "g-04", "g-05", "g-06", "g-07", "g-08", "g-09", "g-10", "g-11", "g-12"],
            Members(result, "g").Select(m => m.Id));
    }

    [Fact]
    public void SampledFields_AreTheDrawsOfTheGroupsStreams()
    {
        ScenarioLoadResult result = _folder.Load(Scenario(42));

        NodeDefinition[] members = Members(result, "g");
        Assert.Equal(Draws(42, "g", "capacity_per_day", Distribution.Uniform(100, 200), 4), members.Select(m => m.CapacityPerDay));
        Assert.Equal(Draws(42, "g", "inputs[raw].initial", Distribution.Uniform(1, 2), 4), members.Select(m => m.Inputs[0].InitialStock));
        Assert.All(members, m => Assert.InRange(m.CapacityPerDay, 100, 200));
        Assert.Equal(4, members.Select(m => m.CapacityPerDay).Distinct().Count());
    }

    [Fact]
    public void WholeNumberFields_AreRounded()
    {
        ScenarioLoadResult result = _folder.Load(Scenario(42));

        int[] expected = [.. Draws(42, "g", "workers", Distribution.Uniform(10, 20), 4).Select(d => (int)Math.Round(d, MidpointRounding.AwayFromZero))];
        Assert.Equal(expected, Members(result, "g").Select(m => m.Workers));
    }

    [Fact]
    public void Sampling_IsFixedByTheSeed()
    {
        double[] first = [.. Members(_folder.Load(Scenario(42)), "g").Select(m => m.CapacityPerDay)];
        double[] again = [.. Members(_folder.Load(Scenario(42)), "g").Select(m => m.CapacityPerDay)];
        double[] other = [.. Members(_folder.Load(Scenario(43)), "g").Select(m => m.CapacityPerDay)];

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void GroupLink_SplitsTheShareEquallyOverTheMembers()
    {
        ScenarioLoadResult result = _folder.Load(Scenario(42));

        NodeDefinition buyer = result.Definition!.Nodes.Single(n => n.Id == "b1");
        Assert.Equal(["g-1", "g-2", "g-3", "g-4"], buyer.Stock.Sources.Select(s => s.SupplierId));
        Assert.All(buyer.Stock.Sources, s => Assert.Equal(0.25, s.Share));
    }

    [Fact]
    public void GroupLinkBesideASupplier_SplitsOnlyTheGroupsShare()
    {
        string scenario = ScenarioFolder.WithLine(Scenario(42), 15, "    sources: [{supplier: s1, share: 0.6}, {group: g, share: 0.4}]");

        ScenarioLoadResult result = _folder.Load(scenario);

        Assert.Empty(result.Errors);
        IReadOnlyList<SourceLink> sources = result.Definition!.Nodes.Single(n => n.Id == "b1").Stock.Sources;
        Assert.Equal([("s1", 0.6), ("g-1", 0.1), ("g-2", 0.1), ("g-3", 0.1), ("g-4", 0.1)], sources.Select(s => (s.SupplierId, Math.Round(s.Share, 12))));
    }

    [Fact]
    public void GroupsCanSourceFromGroups()
    {
        string groups = Group.Replace("sources: [{supplier: s2, share: 1}]", "sources: [{group: h, share: 1}]", StringComparison.Ordinal) + """
              - {id: h, count: 5, tier: 2, region: r1, product: raw, capacity_per_day: 10}

            """;

        ScenarioLoadResult result = _folder.Load(Scenario(42, groups));

        Assert.Empty(result.Errors);
        NodeDefinition[] members = Members(result, "g");
        Assert.All(members, m => Assert.Equal(["h-1", "h-2", "h-3", "h-4", "h-5"], m.Inputs[0].Sources.Select(s => s.SupplierId)));
        Assert.All(members.SelectMany(m => m.Inputs[0].Sources), s => Assert.Equal(0.2, s.Share, 12));
    }

    [Fact]
    public void CountMayBeADistribution_SampledOnce()
    {
        ScenarioLoadResult result = _folder.Load(Scenario(7, Group.Replace("count: 4", "count: {dist: uniform, min: 2.6, max: 3.4}", StringComparison.Ordinal)));

        Assert.Empty(result.Errors);
        Assert.Equal(["g-1", "g-2", "g-3"], Members(result, "g").Select(m => m.Id));
    }

    [Fact]
    public void DrawOutOfRange_IsReportedOnce_NamingTheMember()
    {
        ScenarioLoadResult result = _folder.Load(Scenario(42, Group.Replace("size: small", "capability: {dist: uniform, min: 0.5, max: 1.5}", StringComparison.Ordinal)));

        double[] draws = Draws(42, "g", "capability", Distribution.Uniform(0.5, 1.5), 4);
        int first = Array.FindIndex(draws, d => d > 1);
        Assert.True(first >= 0, "the seed should give at least one draw above 1");
        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((36, 17), (error.Line, error.Column));
        Assert.Equal("supplier_groups[g].capability", error.Field);
        Assert.Equal(
            string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"capability must be in [0, 1], but the draw for g-{first + 1} is {draws[first]:R} (choose a distribution whose values stay in range)"),
            error.Message);
    }

    [Fact]
    public void ErrorInAGroup_IsReportedOnce_NotOncePerMember()
    {
        ScenarioLoadResult result = _folder.Load(Scenario(42, Group.Replace("size: small", "sise: small", StringComparison.Ordinal)));

        ScenarioError error = Assert.Single(result.Errors);
        Assert.Equal((36, 5), (error.Line, error.Column));
        Assert.Equal("unknown key 'sise' in supplier_groups[g]; did you mean 'size'?", error.Message);
    }
}
