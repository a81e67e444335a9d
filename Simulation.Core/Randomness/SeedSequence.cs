namespace Simulation.Core.Randomness;

/// <summary>
/// Derives every seed of a run from its one master seed (DESIGN.md section 4): a seed per
/// replication from (master, replication), and inside a replication a seed per stream from
/// (replication seed, entity, purpose).
/// </summary>
/// <remarks>
/// Each seed is a pure function of its inputs, never of an order of creation, so replication r is
/// the same whether it runs alone, in parallel or on another machine, and giving an entity a
/// stream never moves another entity's draws.
/// </remarks>
public static class SeedSequence
{
    // Separates the purpose layer from the entity layer, so that swapping an entity key with a
    // purpose key gives a different seed.
    private const ulong PurposeDomain = 0xD1B54A32D192ED03UL;

    /// <summary>Returns the seed of replication <paramref name="replication"/> of a run.</summary>
    /// <remarks>
    /// This is output r + 1 of a SplitMix64 generator started at Mix(master), computed directly.
    /// Because the increment is odd and <see cref="SplitMix64.Mix"/> is a bijection, the
    /// replications of one master seed never share a seed. Mixing the master first keeps
    /// neighbouring master seeds (42, 43) from producing shifted copies of each other's sequence.
    /// </remarks>
    /// <param name="masterSeed">The scenario's master seed.</param>
    /// <param name="replication">The zero-based replication index.</param>
    /// <returns>The replication seed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replication"/> is negative.</exception>
    public static ulong ReplicationSeed(ulong masterSeed, int replication)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replication);
        ulong step = unchecked(((ulong)replication + 1) * SplitMix64.GoldenGamma);
        return SplitMix64.Mix(unchecked(SplitMix64.Mix(masterSeed) + step));
    }

    /// <summary>
    /// Returns the seed of the stream that <paramref name="entityId"/> uses for
    /// <paramref name="purpose"/> in the replication with seed <paramref name="replicationSeed"/>.
    /// </summary>
    /// <remarks>
    /// Equal to <see cref="StreamSeed(ulong, ulong, ulong)"/> with the <see cref="StableHash"/> of
    /// both names, so string and key lookups of the same stream agree.
    /// </remarks>
    /// <param name="replicationSeed">The seed from <see cref="ReplicationSeed"/>.</param>
    /// <param name="entityId">The entity's stable id from the scenario, e.g. "supplier:acme-3".</param>
    /// <param name="purpose">What the draws are for, e.g. "lead_time".</param>
    /// <returns>The stream seed.</returns>
    /// <exception cref="ArgumentNullException">A name is null.</exception>
    public static ulong StreamSeed(ulong replicationSeed, string entityId, string purpose) =>
        StreamSeed(replicationSeed, StableHash.Of(entityId), StableHash.Of(purpose));

    /// <summary>
    /// Returns the seed of the stream for an entity key and a purpose key, for hot paths that have
    /// precomputed keys (for example <see cref="StableHash.Of"/> of the names, computed once).
    /// </summary>
    /// <remarks>
    /// Each layer is mixed by <see cref="SplitMix64.Mix"/>, so streams whose keys differ in one bit
    /// start from unrelated states; the seed depends on nothing but the three arguments.
    /// </remarks>
    /// <param name="replicationSeed">The seed from <see cref="ReplicationSeed"/>.</param>
    /// <param name="entityKey">A key that identifies the entity.</param>
    /// <param name="purposeKey">A key that identifies the purpose.</param>
    /// <returns>The stream seed.</returns>
    public static ulong StreamSeed(ulong replicationSeed, ulong entityKey, ulong purposeKey)
    {
        ulong entitySeed = SplitMix64.Mix(replicationSeed ^ SplitMix64.Mix(entityKey));
        return SplitMix64.Mix(entitySeed ^ SplitMix64.Mix(purposeKey ^ PurposeDomain));
    }
}
