using Simulation.Core.Randomness;

namespace Simulation.Tests.Randomness;

public sealed class SeedSequenceTests
{
    [Fact]
    public void ReplicationSeed_IsPinned()
    {
        Assert.Equal(10996452266160306281UL, SeedSequence.ReplicationSeed(42, 0));
        Assert.Equal(2958219263312191191UL, SeedSequence.ReplicationSeed(42, 1));
    }

    [Fact]
    public void ReplicationSeed_ForTenThousandReplications_IsDeterministicAndHasNoCollisions()
    {
        ulong[] first = Enumerable.Range(0, 10_000).Select(r => SeedSequence.ReplicationSeed(42, r)).ToArray();
        ulong[] second = Enumerable.Range(0, 10_000).Select(r => SeedSequence.ReplicationSeed(42, r)).ToArray();

        Assert.Equal(first, second);
        Assert.Equal(10_000, first.Distinct().Count());
    }

    [Fact]
    public void ReplicationSeed_OfNeighbouringMasterSeeds_SharesNoSeeds()
    {
        var of42 = Enumerable.Range(0, 1000).Select(r => SeedSequence.ReplicationSeed(42, r));
        var of43 = Enumerable.Range(0, 1000).Select(r => SeedSequence.ReplicationSeed(43, r));

        Assert.Empty(of42.Intersect(of43));
    }

    [Fact]
    public void ReplicationSeed_OfANegativeReplication_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedSequence.ReplicationSeed(42, -1));
    }

    [Fact]
    public void StreamSeed_IsPinned()
    {
        ulong replicationSeed = SeedSequence.ReplicationSeed(42, 0);

        Assert.Equal(5459788043676189145UL, SeedSequence.StreamSeed(replicationSeed, "supplier:acme-3", "lead_time"));
    }

    [Fact]
    public void StreamSeed_ChangesWithEntityPurposeAndReplication()
    {
        ulong replicationSeed = SeedSequence.ReplicationSeed(42, 0);
        ulong baseline = SeedSequence.StreamSeed(replicationSeed, "supplier:a", "lead_time");

        Assert.NotEqual(baseline, SeedSequence.StreamSeed(replicationSeed, "supplier:b", "lead_time"));
        Assert.NotEqual(baseline, SeedSequence.StreamSeed(replicationSeed, "supplier:a", "defects"));
        Assert.NotEqual(baseline, SeedSequence.StreamSeed(SeedSequence.ReplicationSeed(42, 1), "supplier:a", "lead_time"));
        Assert.NotEqual(
            SeedSequence.StreamSeed(replicationSeed, "x", "y"),
            SeedSequence.StreamSeed(replicationSeed, "y", "x"));
    }

    [Fact]
    public void StreamSeed_OfNames_EqualsStreamSeedOfTheirStableHashes()
    {
        Assert.Equal(
            SeedSequence.StreamSeed(123, "supplier:a", "lead_time"),
            SeedSequence.StreamSeed(123, StableHash.Of("supplier:a"), StableHash.Of("lead_time")));
    }

    [Fact]
    public void StreamSeed_OfManyEntitiesAndPurposes_HasNoCollisions()
    {
        string[] purposes = ["lead_time", "defects", "demand", "audit", "disruption"];
        var seeds = new HashSet<ulong>();
        for (ulong entity = 0; entity < 2000; entity++)
        {
            foreach (string purpose in purposes)
            {
                Assert.True(seeds.Add(SeedSequence.StreamSeed(99, entity, StableHash.Of(purpose))));
            }
        }
    }

    [Fact]
    public void AddingEntities_DoesNotChangeAnotherEntitysDraws()
    {
        var small = new StreamFactory(SeedSequence.ReplicationSeed(42, 3));
        double[] alone = Draw(small.Create("supplier:acme-3", "lead_time"));

        var large = new StreamFactory(SeedSequence.ReplicationSeed(42, 3));
        for (int i = 0; i < 50; i++)
        {
            Draw(large.Create("supplier:new-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "lead_time"));
        }

        double[] amongOthers = Draw(large.Create("supplier:acme-3", "lead_time"));

        Assert.Equal(alone, amongOthers);
    }

    [Fact]
    public void StreamFactory_KeyAndNameOverloads_GiveTheSameStream()
    {
        var factory = new StreamFactory(77);

        Assert.Equal(
            Draw(factory.Create("dc:north", "demand")),
            Draw(factory.Create(StableHash.Of("dc:north"), StableHash.Of("demand"))));
    }

    private static double[] Draw(RandomStream stream) =>
        Enumerable.Range(0, 20).Select(_ => stream.NextDouble()).ToArray();
}
