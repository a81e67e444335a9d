namespace Simulation.Core.Randomness;

/// <summary>
/// Creates the random streams of one replication: one per (entity, purpose), each seeded by
/// <see cref="SeedSequence.StreamSeed(ulong, string, string)"/>.
/// </summary>
/// <remarks>
/// <para>
/// This is what gives <b>common random numbers</b> across scenario variants: two variants run with
/// the same master seed hand supplier "acme-3" the same lead-time draws in replication r, whatever
/// else differs between them (other suppliers added or removed, a different policy, a different
/// order of creation). A comparison of two policies then measures the policy, not the noise.
/// </para>
/// <para>
/// Creating the same (entity, purpose) twice gives two streams that start at the same state; an
/// entity should create each of its streams once and keep it.
/// </para>
/// </remarks>
public sealed class StreamFactory
{
    private readonly ulong _replicationSeed;

    /// <summary>Creates the factory for the replication with the given seed.</summary>
    /// <param name="replicationSeed">The seed from <see cref="SeedSequence.ReplicationSeed"/>.</param>
    public StreamFactory(ulong replicationSeed)
    {
        _replicationSeed = replicationSeed;
    }

    /// <summary>Creates the stream that <paramref name="entityId"/> uses for <paramref name="purpose"/>.</summary>
    /// <param name="entityId">The entity's stable id from the scenario.</param>
    /// <param name="purpose">What the draws are for, e.g. "lead_time".</param>
    /// <returns>A new stream at its initial state.</returns>
    /// <exception cref="ArgumentNullException">A name is null.</exception>
    public RandomStream Create(string entityId, string purpose) =>
        new(SeedSequence.StreamSeed(_replicationSeed, entityId, purpose));

    /// <summary>
    /// Creates a stream from precomputed keys, without hashing strings. With keys equal to
    /// <see cref="StableHash.Of"/> of the names it returns the same stream as
    /// <see cref="Create(string, string)"/>.
    /// </summary>
    /// <param name="entityKey">A key that identifies the entity.</param>
    /// <param name="purposeKey">A key that identifies the purpose.</param>
    /// <returns>A new stream at its initial state.</returns>
    public RandomStream Create(ulong entityKey, ulong purposeKey) =>
        new(SeedSequence.StreamSeed(_replicationSeed, entityKey, purposeKey));
}
